package main

import (
	"context"
	"errors"
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
