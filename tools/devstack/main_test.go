package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/bson"
	"go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"
)

func TestStoreServesMongoWireProtocolAndStopsCleanly(t *testing.T) {
	stack, err := Start(Options{DataDir: t.TempDir(), NatsPort: 0, ForceNats: true}, slog.New(slog.NewTextHandler(io.Discard, nil)))
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
	stack, err := Start(Options{DataDir: t.TempDir(), MongoURL: "mongodb://db.example:27017/", NatsURL: "nats://nats.example:4222"}, slog.Default())
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
	dataDir := t.TempDir()
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

func connect(ctx context.Context, t *testing.T, url string) *mongo.Client {
	t.Helper()
	client, err := mongo.Connect(ctx, options.Client().ApplyURI(url))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = client.Disconnect(context.Background()) })
	return client
}
