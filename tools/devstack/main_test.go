package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"go.mongodb.org/mongo-driver/bson"
	"go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"
)

func TestStoreServesMongoWireProtocolAndStopsCleanly(t *testing.T) {
	stack, err := Start(Options{DataDir: dataDir(t), NatsPort: 0, ForceNats: true}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer stack.Stop()
	if !stack.Ready.EmbeddedMongo || !stack.Ready.EmbeddedNats {
		t.Fatalf("expected both embedded, got %+v", stack.Ready)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	collection := connect(ctx, t, stack.Ready.MongoURL).Database("devstack_test").Collection("things")
	if _, err := collection.Indexes().CreateOne(ctx, mongo.IndexModel{Keys: bson.D{{Key: "key", Value: 1}}, Options: options.Index().SetUnique(true)}); err != nil {
		t.Fatal(err)
	}
	if _, err := collection.InsertOne(ctx, bson.M{"key": "a", "n": 1}); err != nil {
		t.Fatal(err)
	}
	var found bson.M
	if err := collection.FindOne(ctx, bson.M{"key": "a"}).Decode(&found); err != nil || found["n"] != int32(1) {
		t.Fatalf("find: %v %v", found, err)
	}
	_, err = collection.InsertOne(ctx, bson.M{"key": "a"})
	var writeErr mongo.WriteException
	if !errors.As(err, &writeErr) || !writeErr.HasErrorCode(11000) {
		t.Fatalf("expected duplicate key error 11000, got %v", err)
	}
}

func TestEnvironmentURLsAreUsedAsGiven(t *testing.T) {
	stack, err := Start(Options{DataDir: dataDir(t), MongoURL: "mongodb://db.example:27017/", NatsURL: "nats://nats.example:4222"}, slog.Default())
	if err != nil {
		t.Fatal(err)
	}
	defer stack.Stop()
	if stack.Ready.EmbeddedMongo || stack.Ready.EmbeddedNats || stack.Ready.MongoURL != "mongodb://db.example:27017/" {
		t.Fatalf("unexpected %+v", stack.Ready)
	}
}

// A second run of an idempotent seed: one bulk write of 300 upserts on documents that already exist.
// FerretDB v1 keeps each statement's query open until the whole command ends, and its SQLite pool has
// 100 connections, so such a command used to wait forever for a 101st connection (and hold the write
// serializer's lock meanwhile). Through the devstack it completes.
func TestBulkUpsertOfExistingDocumentsCompletes(t *testing.T) {
	dataDir := dataDir(t)
	for run := 1; run <= 2; run++ {
		func() {
			// A store alone (NATS_URL given), on the same data folder for both runs.
			stack, err := Start(Options{DataDir: dataDir, NatsURL: "nats://unused:4222"}, slog.New(slog.NewTextHandler(io.Discard, nil)))
			if err != nil {
				t.Fatal(err)
			}
			defer stack.Stop()
			ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
			defer cancel()
			client := connect(ctx, t, stack.Ready.MongoURL)
			collection := client.Database("devstack_test").Collection("seeded")
			writes := make([]mongo.WriteModel, 300)
			for i := range writes {
				writes[i] = mongo.NewUpdateOneModel().
					SetFilter(bson.M{"_id": fmt.Sprintf("doc-%03d", i), "tenantId": "acme"}).
					SetUpdate(bson.M{"$setOnInsert": bson.M{"n": i}}).
					SetUpsert(true)
			}
			result, err := collection.BulkWrite(ctx, writes, options.BulkWrite().SetOrdered(false))
			if err != nil {
				t.Fatalf("run %d: %v", run, err)
			}
			if want := map[int]int64{1: 300, 2: 0}[run]; result.UpsertedCount != want || result.MatchedCount != 300-want {
				t.Fatalf("run %d: %d upserted, %d matched", run, result.UpsertedCount, result.MatchedCount)
			}
		}()
	}
}

// The default store is a private PostgreSQL, but a data folder that already holds a SQLite store keeps
// it: switching the default must not hide anyone's data.
func TestDefaultStoreIsPostgresAndAnExistingSQLiteStoreIsKept(t *testing.T) {
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	dirs := map[string]string{}
	for _, step := range []struct{ dir, store, want string }{
		{"fresh", "", "postgresql"},
		{"fresh", "", "postgresql"},
		{"legacy", "sqlite", "sqlite"},
		{"legacy", "auto", "sqlite"},
	} {
		if dirs[step.dir] == "" {
			dirs[step.dir] = dataDir(t)
		}
		func() {
			stack, err := Start(Options{DataDir: dirs[step.dir], Store: step.store, Ephemeral: true, NatsURL: "nats://unused:4222"}, logger)
			if err != nil {
				t.Fatal(err)
			}
			defer stack.Stop()
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			if _, err := connect(ctx, t, stack.Ready.MongoURL).Database("devstack_test").Collection("kept").InsertOne(ctx, bson.M{"n": 1}); err != nil {
				t.Fatal(err)
			}
			if stack.Ready.Store != step.want {
				t.Fatalf("%s with --store %q: got %q, want %q", step.dir, step.store, stack.Ready.Store, step.want)
			}
		}()
	}
}

// dataDir is a throw-away data folder the private PostgreSQL can reach when tests run as root
// (t.TempDir's parent folder is private to its owner).
func dataDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "devstack-test-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.RemoveAll(dir) })
	return dir
}

func connect(ctx context.Context, t *testing.T, url string) *mongo.Client {
	t.Helper()
	client, err := mongo.Connect(ctx, options.Client().ApplyURI(url))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = client.Disconnect(context.Background()) })
	return client
}

// FerretDB's equality pushdown on PostgreSQL is jsonb containment, which its btree indexes cannot serve:
// each field of a declared index gets a GIN index, which the planner uses for that containment.
func TestDeclaredIndexesServeFerretDBsEqualityPushdownOnPostgres(t *testing.T) {
	stack, err := Start(Options{DataDir: dataDir(t), NatsPort: 0, ForceNats: true}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer stack.Stop()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	collection := connect(ctx, t, stack.Ready.MongoURL).Database("containment_test").Collection("messages")
	keys := bson.D{{Key: "tenantId", Value: 1}, {Key: "contactId", Value: 1}, {Key: "createdAt", Value: -1}}
	if _, err := collection.Indexes().CreateOne(ctx, mongo.IndexModel{Keys: keys}); err != nil {
		t.Fatal(err)
	}
	documents := make([]any, 2000)
	for index := range documents {
		documents[index] = bson.M{"tenantId": "t1", "contactId": fmt.Sprintf("c%d", index%100), "createdAt": time.Now()}
	}
	if _, err := collection.InsertMany(ctx, documents); err != nil {
		t.Fatal(err)
	}
	var found []bson.M
	cursor, err := collection.Find(ctx, bson.M{"tenantId": "t1", "contactId": "c7"})
	if err != nil || cursor.All(ctx, &found) != nil || len(found) != 20 {
		t.Fatalf("find by tenant and contact: %d documents, %v", len(found), err)
	}

	postgres, err := pgx.Connect(ctx, stack.postgres.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer postgres.Close(ctx)
	var table string
	if err := postgres.QueryRow(ctx, `SELECT schemaname || '.' || tablename FROM pg_indexes
		WHERE schemaname = 'containment_test' AND indexdef LIKE '%contactId%' LIMIT 1`).Scan(&table); err != nil {
		t.Fatal(err)
	}
	// One GIN index per field of the declared index, and one for the _id index FerretDB makes.
	for _, field := range []string{"tenantId", "contactId", "createdAt", "_id"} {
		var count int
		if err := postgres.QueryRow(ctx, `SELECT count(*) FROM pg_indexes WHERE schemaname || '.' || tablename = $1
			AND indexdef LIKE '%USING gin (((_jsonb -> ''' || $2 || '''::text)))%'`, table, field).Scan(&count); err != nil || count != 1 {
			t.Fatalf("GIN indexes on %s: %d, %v", field, count, err)
		}
	}
	// A table this small is cheaper to scan; what matters is that the index can serve the query.
	if _, err := postgres.Exec(ctx, `SET enable_seqscan = off`); err != nil {
		t.Fatal(err)
	}
	var plan strings.Builder
	rows, err := postgres.Query(ctx, `EXPLAIN SELECT _jsonb FROM `+table+` WHERE _jsonb -> 'contactId' @> '"c7"' AND _jsonb -> 'tenantId' @> '"t1"'`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			t.Fatal(err)
		}
		plan.WriteString(line + "\n")
	}
	if !strings.Contains(plan.String(), "Bitmap Index Scan on gin_") {
		t.Fatalf("the containment query uses no GIN index:\n%s", plan.String())
	}
}
