// Command devstack runs the infrastructure Conversations needs on a developer machine or in CI,
// embedded in one process: a MongoDB-compatible store (FerretDB v1, SQLite or PostgreSQL backend)
// and, when no NATS is reachable, a NATS server with JetStream. The store's default backend is a private
// PostgreSQL (see private_postgres.go). It listens on loopback only and
// prints a single machine-readable ready line on stdout.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
	natsserver "github.com/nats-io/nats-server/v2/server"
)

// Options are the command-line settings.
type Options struct {
	DataDir          string
	MongoPort        int
	NatsPort         int
	PostgresURL      string // FerretDB's PostgreSQL backend on this server instead of a private one
	Store            string // auto (default), postgres or sqlite
	Ephemeral        bool   // a throw-away store: the private PostgreSQL runs without fsync
	ForceNats        bool
	MongoURL         string // from MONGO_URL: use it, start no store
	NatsURL          string // from NATS_URL: use it, start no NATS
	ExitOnStdinClose bool
}

// Ready is what the ready line reports.
type Ready struct {
	MongoURL      string `json:"mongoUrl"`
	NatsURL       string `json:"natsUrl"`
	EmbeddedMongo bool   `json:"embeddedMongo"`
	EmbeddedNats  bool   `json:"embeddedNats"`
	Store         string `json:"store,omitempty"` // the embedded store's backend: postgresql, sqlite
}

// Stack is a running devstack.
type Stack struct {
	Ready  Ready
	cancel context.CancelFunc
	wg     sync.WaitGroup
	nats   *natsserver.Server
	// postgres is the private PostgreSQL under FerretDB, when the devstack started one.
	postgres *privatePostgres
	// serializer fronts FerretDB: one write command per collection at a time (see write_serializer.go).
	serializer *writeSerializer
}

const readyPrefix = "DEVSTACK_READY "

func main() {
	opts := Options{MongoURL: os.Getenv("MONGO_URL"), NatsURL: os.Getenv("NATS_URL"), PostgresURL: os.Getenv("DEVSTACK_POSTGRES_URL")}
	flag.StringVar(&opts.DataDir, "data-dir", ".devstack/data", "folder for the SQLite store and JetStream files")
	flag.IntVar(&opts.MongoPort, "mongo-port", 0, "loopback port for the MongoDB wire protocol (0 = any free port)")
	flag.IntVar(&opts.NatsPort, "nats-port", 4222, "loopback port for an embedded NATS (taken → any free port)")
	flag.StringVar(&opts.PostgresURL, "postgres-url", opts.PostgresURL, "use FerretDB's PostgreSQL backend on this server instead of a private one")
	flag.StringVar(&opts.Store, "store", envOr("DEVSTACK_STORE", "auto"), "store backend: postgres (a private PostgreSQL in <data-dir>/postgres), sqlite, or auto (postgres; an existing SQLite store is kept)")
	flag.BoolVar(&opts.Ephemeral, "ephemeral", false, "the store is thrown away after this run: run the private PostgreSQL without fsync")
	flag.BoolVar(&opts.ForceNats, "embed-nats", false, "start an embedded NATS even when 127.0.0.1:4222 answers")
	flag.BoolVar(&opts.ExitOnStdinClose, "exit-on-stdin-close", false, "stop when stdin closes (the parent process died)")
	flag.Parse()

	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelError}))
	stack, err := Start(opts, logger)
	if err != nil {
		fmt.Fprintf(os.Stderr, "devstack: %v\n", err)
		os.Exit(1)
	}
	line, _ := json.Marshal(stack.Ready)
	fmt.Println(readyPrefix + string(line))

	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGINT, syscall.SIGTERM)
	if opts.ExitOnStdinClose {
		go func() {
			_, _ = io.Copy(io.Discard, os.Stdin)
			stop <- syscall.SIGTERM
		}()
	}
	<-stop
	// A store command that never returns must not keep the devstack alive: give a clean stop ten seconds.
	stopped := make(chan struct{})
	go func() {
		stack.Stop()
		close(stopped)
	}()
	select {
	case <-stopped:
	case <-time.After(10 * time.Second):
		fmt.Fprintln(os.Stderr, "devstack: did not stop within 10 s; exiting")
		os.Exit(1)
	}
}

// Start brings up what is not provided by the environment and returns once it all listens.
func Start(opts Options, logger *slog.Logger) (*Stack, error) {
	ctx, cancel := context.WithCancel(context.Background())
	stack := &Stack{cancel: cancel}
	if err := os.MkdirAll(opts.DataDir, 0o755); err != nil {
		cancel()
		return nil, err
	}

	switch {
	case opts.MongoURL != "":
		stack.Ready.MongoURL = opts.MongoURL
	default:
		url, err := stack.startFerretDB(ctx, opts, logger)
		if err != nil {
			stack.Stop()
			return nil, err
		}
		stack.Ready.MongoURL, stack.Ready.EmbeddedMongo = url, true
	}

	switch {
	case opts.NatsURL != "":
		stack.Ready.NatsURL = opts.NatsURL
	case !opts.ForceNats && answers("127.0.0.1:4222"):
		stack.Ready.NatsURL = "nats://127.0.0.1:4222"
	default:
		url, err := stack.startNATS(opts)
		if err != nil {
			stack.Stop()
			return nil, err
		}
		stack.Ready.NatsURL, stack.Ready.EmbeddedNats = url, true
	}
	return stack, nil
}

func (s *Stack) startFerretDB(ctx context.Context, opts Options, logger *slog.Logger) (string, error) {
	port := opts.MongoPort
	if port == 0 {
		free, err := freePort()
		if err != nil {
			return "", err
		}
		port = free
	}
	// FerretDB itself listens on an internal port; clients reach it through the write serializer.
	internal, err := freePort()
	if err != nil {
		return "", err
	}
	config := &ferretdb.Config{
		Listener: ferretdb.ListenerConfig{TCP: net.JoinHostPort("127.0.0.1", strconv.Itoa(internal))},
		Logger:   logger,
	}
	backend, err := s.storeBackend(opts)
	if err != nil {
		return "", err
	}
	config.Handler, s.Ready.Store = backend.handler, backend.handler
	config.PostgreSQLURL, config.SQLiteURL = backend.postgresURL, backend.sqliteURL
	if backend.postgresURL != "" {
		if err := installContainmentIndexes(backend.postgresURL); err != nil {
			if s.postgres != nil {
				return "", err // our own cluster, a superuser: this must work
			}
			fmt.Fprintf(os.Stderr, "devstack: %v; equality queries will scan their collections\n", err)
		}
	}
	db, err := ferretdb.New(config)
	if err != nil {
		return "", fmt.Errorf("starting FerretDB: %w", err)
	}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		_ = db.Run(ctx)
	}()
	if err := waitListening(config.Listener.TCP, 15*time.Second); err != nil {
		return "", fmt.Errorf("FerretDB did not listen on %s: %w", config.Listener.TCP, err)
	}
	address := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	serializer, err := serveWriteSerializer(ctx, address, config.Listener.TCP, backend.postgresURL != "")
	if err != nil {
		return "", fmt.Errorf("listening on %s: %w", address, err)
	}
	s.serializer = serializer
	return "mongodb://" + address + "/", nil
}

func (s *Stack) startNATS(opts Options) (string, error) {
	port := opts.NatsPort
	if port == 0 || !portFree(port) {
		free, err := freePort()
		if err != nil {
			return "", err
		}
		port = free
	}
	server, err := natsserver.NewServer(&natsserver.Options{
		Host:      "127.0.0.1",
		Port:      port,
		JetStream: true,
		StoreDir:  filepath.Join(opts.DataDir, "jetstream"),
		NoSigs:    true,
		NoLog:     true,
	})
	if err != nil {
		return "", fmt.Errorf("starting NATS: %w", err)
	}
	go server.Start()
	if !server.ReadyForConnections(15 * time.Second) {
		server.Shutdown()
		return "", errors.New("embedded NATS did not become ready")
	}
	s.nats = server
	return fmt.Sprintf("nats://127.0.0.1:%d", port), nil
}

type storeBackend struct{ handler, postgresURL, sqliteURL string }

// storeBackend picks FerretDB's backend: the given PostgreSQL, else a private one, else SQLite (asked
// for, kept because the data dir already holds a SQLite store, or because no PostgreSQL binaries exist).
func (s *Stack) storeBackend(opts Options) (storeBackend, error) {
	if opts.PostgresURL != "" {
		return storeBackend{handler: "postgresql", postgresURL: opts.PostgresURL}, nil
	}
	sqliteDir, err := filepath.Abs(filepath.Join(opts.DataDir, "sqlite"))
	if err != nil {
		return storeBackend{}, err
	}
	postgresDir := filepath.Join(opts.DataDir, "postgres")
	useSQLite := opts.Store == "sqlite"
	if opts.Store == "auto" || opts.Store == "" {
		if hasEntries(sqliteDir) && !hasEntries(postgresDir) {
			fmt.Fprintf(os.Stderr, "devstack: keeping the SQLite store in %s (remove it, or run with --store postgres, for PostgreSQL)\n", sqliteDir)
			useSQLite = true
		}
	} else if opts.Store != "postgres" && !useSQLite {
		return storeBackend{}, fmt.Errorf("--store %q: expected auto, postgres or sqlite", opts.Store)
	}
	if !useSQLite {
		server, err := s.startPrivatePostgres(postgresDir, opts.Ephemeral)
		if err == nil {
			return storeBackend{handler: "postgresql", postgresURL: server.URL}, nil
		}
		// Auto falls back to SQLite only while there is no PostgreSQL store whose data it would hide.
		if opts.Store == "postgres" || hasEntries(filepath.Join(postgresDir, "data")) {
			return storeBackend{}, err
		}
		fmt.Fprintf(os.Stderr, "devstack: %v; using SQLite instead\n", err)
	}
	if err := os.MkdirAll(sqliteDir, 0o755); err != nil {
		return storeBackend{}, err
	}
	return storeBackend{handler: "sqlite", sqliteURL: "file:" + sqliteDir + "/"}, nil
}

func (s *Stack) startPrivatePostgres(dir string, ephemeral bool) (*privatePostgres, error) {
	bin, err := findPostgresBin()
	if err != nil {
		return nil, err
	}
	s.postgres, err = startPrivatePostgres(dir, bin, ephemeral)
	return s.postgres, err
}

func envOr(name, fallback string) string {
	if value := os.Getenv(name); value != "" {
		return value
	}
	return fallback
}

func hasEntries(dir string) bool {
	entries, err := os.ReadDir(dir)
	return err == nil && len(entries) > 0
}

// Stop shuts everything down and waits for it.
func (s *Stack) Stop() {
	if s.nats != nil {
		s.nats.Shutdown()
		s.nats.WaitForShutdown()
	}
	s.cancel()
	if s.serializer != nil {
		s.serializer.Close()
	}
	s.wg.Wait()
	if s.postgres != nil {
		s.postgres.Stop()
	}
}

func answers(address string) bool {
	conn, err := net.DialTimeout("tcp", address, 300*time.Millisecond)
	if err != nil {
		return false
	}
	_ = conn.Close()
	return true
}

func portFree(port int) bool {
	listener, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
	if err != nil {
		return false
	}
	_ = listener.Close()
	return true
}

func freePort() (int, error) {
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer listener.Close()
	return listener.Addr().(*net.TCPAddr).Port, nil
}

func waitListening(address string, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		if answers(address) {
			return nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	return errors.New("timed out")
}
