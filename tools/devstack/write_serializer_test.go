package main

import (
	"context"
	"encoding/binary"
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
// no $push is lost — what MongoDB guarantees and FerretDB v1 alone does not. On both backends (on
// PostgreSQL with the per-collection locks, writers to other collections running meanwhile).
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

// opMsgRequest is an OP_MSG request whose body is document, as drivers send commands.
func opMsgRequest(t *testing.T, document bson.D) []byte {
	body, err := bson.Marshal(document)
	if err != nil {
		t.Fatal(err)
	}
	message := make([]byte, 21, 21+len(body))
	binary.LittleEndian.PutUint32(message[12:16], opMsg)
	message = append(message, body...)
	binary.LittleEndian.PutUint32(message[0:4], uint32(len(message)))
	return message
}

func TestScopeOfAWrite(t *testing.T) {
	updates := func(filters ...bson.D) bson.A {
		statements := bson.A{}
		for _, filter := range filters {
			statements = append(statements, bson.D{{Key: "q", Value: filter}, {Key: "u", Value: bson.D{{Key: "$set", Value: bson.D{{Key: "a", Value: 1}}}}}})
		}
		return statements
	}
	id := func(value any) bson.D { return bson.D{{Key: "_id", Value: value}, {Key: "tenantId", Value: "acme"}} }
	cases := map[string]struct {
		document  bson.D
		namespace string
		insert    bool
		documents int
	}{
		"insert":                      {bson.D{{Key: "insert", Value: "messages"}, {Key: "ordered", Value: true}, {Key: "$db", Value: "acme"}}, "acme.messages", true, 0},
		"update by _id":               {bson.D{{Key: "update", Value: "messages"}, {Key: "updates", Value: updates(id("m1"))}, {Key: "$db", Value: "acme"}}, "acme.messages", false, 1},
		"two updates of one document": {bson.D{{Key: "update", Value: "messages"}, {Key: "updates", Value: updates(id(1), id(1))}, {Key: "$db", Value: "acme"}}, "acme.messages", false, 1},
		"update by another field":     {bson.D{{Key: "update", Value: "messages"}, {Key: "updates", Value: updates(id(1), bson.D{{Key: "tenantId", Value: "acme"}})}, {Key: "$db", Value: "acme"}}, "acme.messages", false, 0},
		"update by _id operator":      {bson.D{{Key: "update", Value: "messages"}, {Key: "updates", Value: updates(bson.D{{Key: "_id", Value: bson.D{{Key: "$in", Value: bson.A{1, 2}}}}})}, {Key: "$db", Value: "acme"}}, "acme.messages", false, 0},
		"delete by _id":               {bson.D{{Key: "delete", Value: "dispatches"}, {Key: "deletes", Value: bson.A{bson.D{{Key: "q", Value: id("d1")}, {Key: "limit", Value: 1}}}}, {Key: "$db", Value: "acme"}}, "acme.dispatches", false, 1},
		"findAndModify by _id":        {bson.D{{Key: "findAndModify", Value: "claims"}, {Key: "query", Value: id("c1")}, {Key: "$db", Value: "acme"}}, "acme.claims", false, 1},
		"no database":                 {bson.D{{Key: "delete", Value: "messages"}}, "", false, 0},
		"no collection":               {bson.D{{Key: "insert", Value: 1}, {Key: "$db", Value: "acme"}}, "", false, 0},
	}
	for name, c := range cases {
		got := scopeOf(opMsgRequest(t, c.document))
		if got.namespace != c.namespace || got.insert != c.insert || len(got.documents) != c.documents {
			t.Errorf("%s: scope %+v, want namespace %q, insert %v, %d documents", name, got, c.namespace, c.insert, c.documents)
		}
	}
}

// The statements of a write in a document sequence (OP_MSG section kind 1, as drivers may send them)
// are read as those in its body.
func TestScopeReadsStatementsInADocumentSequence(t *testing.T) {
	message := opMsgRequest(t, bson.D{{Key: "update", Value: "messages"}, {Key: "$db", Value: "acme"}})
	statement, _ := bson.Marshal(bson.D{{Key: "q", Value: bson.D{{Key: "_id", Value: "m1"}}}, {Key: "u", Value: bson.D{}}})
	section := append([]byte{1, 0, 0, 0, 0}, append([]byte("updates\x00"), statement...)...)
	binary.LittleEndian.PutUint32(section[1:5], uint32(len(section)-1))
	message = append(message, section...)
	binary.LittleEndian.PutUint32(message[0:4], uint32(len(message)))
	if scope := scopeOf(message); scope.namespace != "acme.messages" || len(scope.documents) != 1 {
		t.Fatalf("scope %+v, want acme.messages with one document", scope)
	}
}

// A write waits only for writes that may touch one of its documents: by _id, for the same _id; inserts
// for nobody within the collection; a write selecting otherwise, for its whole collection; a write
// naming no collection, for everything.
func TestWritesWaitOnlyForWritesThatMayTouchTheirDocuments(t *testing.T) {
	s := &writeSerializer{perCollection: true}
	byID := func(collection, id string) []byte {
		return opMsgRequest(t, bson.D{{Key: "update", Value: collection}, {Key: "updates", Value: bson.A{bson.D{{Key: "q", Value: bson.D{{Key: "_id", Value: id}}}}}}, {Key: "$db", Value: "acme"}})
	}
	byTenant := opMsgRequest(t, bson.D{{Key: "update", Value: "messages"}, {Key: "updates", Value: bson.A{bson.D{{Key: "q", Value: bson.D{{Key: "tenantId", Value: "acme"}}}}}}, {Key: "$db", Value: "acme"}})
	insert := opMsgRequest(t, bson.D{{Key: "insert", Value: "messages"}, {Key: "$db", Value: "acme"}})
	acquired := func(request []byte) chan func() {
		done := make(chan func(), 1)
		go func() { done <- s.lock(request) }()
		return done
	}
	waits := func(done chan func()) bool {
		select {
		case unlock := <-done:
			unlock()
			return false
		case <-time.After(100 * time.Millisecond):
			return true
		}
	}

	unlockM1 := s.lock(byID("messages", "m1"))
	if waits(acquired(byID("messages", "m2"))) || waits(acquired(byID("conversations", "m1"))) || waits(acquired(insert)) {
		t.Fatal("a write waited for one to another document")
	}
	sameDocument := acquired(byID("messages", "m1"))
	if !waits(sameDocument) {
		t.Fatal("two writes to document m1 ran at once")
	}
	wholeCollection := acquired(byTenant)
	if !waits(wholeCollection) {
		t.Fatal("a write selecting by tenant ran beside one to m1")
	}
	unlockM1()
	(<-sameDocument)()
	(<-wholeCollection)()
	unlockAll := s.lock(opMsgRequest(t, bson.D{{Key: "update", Value: 1}}))
	afterAll := acquired(byID("conversations", "c1"))
	if !waits(afterAll) {
		t.Fatal("a write ran beside one naming no collection")
	}
	unlockAll()
	(<-afterAll)()
	if waits(acquired(byID("messages", "m1"))) {
		t.Fatal("the locks were not released")
	}
	if len(s.documents) != 0 {
		t.Fatalf("%d document locks kept after use", len(s.documents))
	}
}
