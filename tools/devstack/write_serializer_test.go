package main

import (
	"context"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/bson"
	"go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"
)

// Concurrent writers on separate connections: a version-conditioned update has exactly one winner and
// no $push is lost — what MongoDB guarantees and FerretDB v1 alone does not. On both backends.
func TestSingleDocumentWritesAreAtomicAcrossConnections(t *testing.T) {
	for _, store := range []string{"postgres", "sqlite"} {
		t.Run(store, func(t *testing.T) { singleDocumentWritesAreAtomic(t, store) })
	}
}

func singleDocumentWritesAreAtomic(t *testing.T, store string) {
	stack, err := Start(Options{DataDir: dataDir(t), Store: store, Ephemeral: true, NatsURL: "nats://unused:4222"}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer stack.Stop()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()

	const writers = 6
	collections := make([]*mongo.Collection, writers)
	for i := range collections {
		client, err := mongo.Connect(ctx, options.Client().ApplyURI(stack.Ready.MongoURL).SetMaxPoolSize(1))
		if err != nil {
			t.Fatal(err)
		}
		defer client.Disconnect(ctx)
		collections[i] = client.Database("devstack_test").Collection("atomic")
	}

	for round := 0; round < 10; round++ {
		if _, err := collections[0].InsertOne(ctx, bson.M{"_id": round, "version": 0, "pushed": bson.A{}}); err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		var mu sync.Mutex
		winners := 0
		for i, collection := range collections {
			wg.Add(1)
			go func() {
				defer wg.Done()
				result, err := collection.UpdateOne(ctx, bson.M{"_id": round, "version": 0}, bson.M{"$set": bson.M{"winner": i}, "$inc": bson.M{"version": 1}})
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				winners += int(result.ModifiedCount)
				mu.Unlock()
				if _, err := collection.UpdateOne(ctx, bson.M{"_id": round}, bson.M{"$push": bson.M{"pushed": i}}); err != nil {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
		var document struct {
			Version int   `bson:"version"`
			Pushed  []int `bson:"pushed"`
		}
		if err := collections[0].FindOne(ctx, bson.M{"_id": round}).Decode(&document); err != nil {
			t.Fatal(err)
		}
		if winners != 1 || document.Version != 1 || len(document.Pushed) != writers {
			t.Fatalf("round %d: %d winners, version %d, %d of %d pushes kept", round, winners, document.Version, len(document.Pushed), writers)
		}
	}
}
