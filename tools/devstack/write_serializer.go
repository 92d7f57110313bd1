package main

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"net"
	"sort"
	"sync"

	"go.mongodb.org/mongo-driver/bson"
)

// FerretDB v1 executes an update as "read the document, write it back" without isolation from other
// connections: of six concurrent `updateOne({_id, version: 0}, {$inc: {version: 1}})` several match, and
// five of six concurrent `$push`es are lost. MongoDB makes every single-document write atomic, and the
// services rely on that (optimistic versions, the outbox, slot claims). The write serializer sits in
// front of FerretDB and never lets two writes that may touch the same document run at once, which
// restores single-document atomicity between writers; reads pass freely. On PostgreSQL (a table per
// collection, row locks, unique indexes of its own) that is per document when the write names its
// documents by _id — as nearly every write of the services does — else per collection; on SQLite, one
// writer per database file is all it takes anyway, so every write takes one lock there.
//
// FerretDB v1 also keeps every statement's query open until its whole write command ends (a `defer` in
// the statement loop of its update handler), and its SQLite pool holds 100 connections: an update
// command of more than 100 statements matching existing documents waits forever for a connection — a
// second run of an idempotent seed hung that way, holding the write lock. The serializer therefore
// advertises a smaller maxWriteBatchSize in handshake replies, so drivers split bulk writes themselves.

// writeCommands change documents; they run one at a time.
var writeCommands = map[string]bool{"insert": true, "update": true, "delete": true, "findAndModify": true, "findandmodify": true}

const (
	opReply             = 1
	opQuery             = 2004
	opMsg               = 2013
	checksumPresentFlag = 1 << 0
	moreToComeFlag      = 1 << 1
	maxMessageSize      = 48 * 1000 * 1000
	// maxWriteBatchSize leaves half of FerretDB's 100 SQLite connections to concurrent readers.
	maxWriteBatchSize = 50
)

// handshakeCommands answer with the server's limits (maxWriteBatchSize among them).
var handshakeCommands = map[string]bool{"hello": true, "isMaster": true, "ismaster": true}

type writeSerializer struct {
	listener      net.Listener
	backend       string
	perCollection bool
	// all is held shared by a write to one known collection (with that collection's lock), and
	// exclusively by a write whose collection it cannot tell.
	all         sync.RWMutex
	mu          sync.Mutex
	collections map[string]*sync.RWMutex
	documents   map[string]*namedLock
	conns       sync.WaitGroup
}

// serveWriteSerializer listens on address and forwards every connection to backend; perCollection
// lets writes to different collections run at the same time.
func serveWriteSerializer(ctx context.Context, address, backend string, perCollection bool) (*writeSerializer, error) {
	listener, err := net.Listen("tcp", address)
	if err != nil {
		return nil, err
	}
	s := &writeSerializer{listener: listener, backend: backend, perCollection: perCollection}
	go func() {
		<-ctx.Done()
		_ = listener.Close()
	}()
	go s.accept(ctx)
	return s, nil
}

func (s *writeSerializer) accept(ctx context.Context) {
	for {
		client, err := s.listener.Accept()
		if err != nil {
			return
		}
		s.conns.Add(1)
		go func() {
			defer s.conns.Done()
			defer client.Close()
			server, err := net.Dial("tcp", s.backend)
			if err != nil {
				return
			}
			defer server.Close()
			go func() {
				<-ctx.Done()
				_ = client.Close()
				_ = server.Close()
			}()
			_ = s.relay(client, server)
		}()
	}
}

// relay forwards requests one by one; drivers wait for each reply before the next request on a
// connection, so holding the lock from a write request until its reply covers the whole command.
func (s *writeSerializer) relay(client, server net.Conn) error {
	for {
		request, err := readMessage(client)
		if err != nil {
			return err
		}
		unlock := s.lock(request)
		err = s.exchange(request, client, server)
		unlock()
		if err != nil {
			return err
		}
	}
}

// lock takes what a request needs before it runs: nothing for a read. A write whose every statement
// names its document by _id locks those documents (reads and writes of other documents of the
// collection go on); an insert locks nothing within its collection (a new document has no earlier
// state to race on, and unique indexes are PostgreSQL's own); any other write has its collection to
// itself; one whose collection cannot be told (or with per collection off) has the whole store.
func (s *writeSerializer) lock(request []byte) (unlock func()) {
	if !isWrite(request) {
		return func() {}
	}
	scope := writeScope{}
	if s.perCollection {
		scope = scopeOf(request)
	}
	if scope.namespace == "" {
		s.all.Lock()
		return s.all.Unlock
	}
	s.all.RLock()
	collection := s.collectionLock(scope.namespace)
	var documents []*sync.RWMutex
	switch {
	case scope.insert:
		collection.RLock()
	case scope.documents != nil:
		collection.RLock()
		for _, id := range scope.documents { // sorted: two writers never wait for each other in a circle
			document := s.documentLock(scope.namespace + "\x00" + id)
			document.Lock()
			documents = append(documents, document)
		}
	default:
		collection.Lock()
	}
	return func() {
		for i := len(documents) - 1; i >= 0; i-- {
			documents[i].Unlock()
		}
		s.release(scope)
		if scope.insert || scope.documents != nil {
			collection.RUnlock()
		} else {
			collection.Unlock()
		}
		s.all.RUnlock()
	}
}

// collectionLock is a collection's lock, made on first use and kept (a store has few collections).
func (s *writeSerializer) collectionLock(namespace string) *sync.RWMutex {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.collections == nil {
		s.collections = map[string]*sync.RWMutex{}
	}
	lock, ok := s.collections[namespace]
	if !ok {
		lock = &sync.RWMutex{}
		s.collections[namespace] = lock
	}
	return lock
}

// documentLock is a document's lock, made on first use and counted while in use (release forgets it).
func (s *writeSerializer) documentLock(name string) *sync.RWMutex {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.documents == nil {
		s.documents = map[string]*namedLock{}
	}
	lock, ok := s.documents[name]
	if !ok {
		lock = &namedLock{}
		s.documents[name] = lock
	}
	lock.users++
	return &lock.RWMutex
}

// release forgets the document locks nobody uses any more.
func (s *writeSerializer) release(scope writeScope) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, id := range scope.documents {
		name := scope.namespace + "\x00" + id
		if lock := s.documents[name]; lock != nil {
			if lock.users--; lock.users == 0 {
				delete(s.documents, name)
			}
		}
	}
}

type namedLock struct {
	sync.RWMutex
	users int
}

// writeScope is what a write command touches: its collection ("database.collection", "" when the
// request does not say), whether it only inserts, and the _ids of the documents it changes when every
// statement names one (sorted, each once; nil when any statement selects by something else).
type writeScope struct {
	namespace string
	insert    bool
	documents []string
}

// scopeOf reads a write command: its first element names the collection, `$db` the database, and its
// statements (in the body or in a document sequence) carry their filters in `q` (findAndModify: `query`).
func scopeOf(message []byte) writeScope {
	body, sequences, ok := opMsgSections(message)
	if !ok {
		return writeScope{}
	}
	first, err := body.IndexErr(0)
	if err != nil {
		return writeScope{}
	}
	collection, ok := first.Value().StringValueOK()
	database, dbOK := body.Lookup("$db").StringValueOK()
	if !ok || !dbOK || collection == "" || database == "" {
		return writeScope{}
	}
	scope := writeScope{namespace: database + "." + collection}
	var filters []bson.Raw
	switch first.Key() {
	case "insert":
		scope.insert = true
		return scope
	case "findAndModify", "findandmodify":
		query, ok := body.Lookup("query").DocumentOK()
		if !ok {
			return scope
		}
		filters = []bson.Raw{query}
	default: // update, delete
		statements := sequences[map[string]string{"update": "updates", "delete": "deletes"}[first.Key()]]
		if array, ok := body.Lookup(map[string]string{"update": "updates", "delete": "deletes"}[first.Key()]).ArrayOK(); ok {
			values, _ := array.Values()
			for _, value := range values {
				if document, ok := value.DocumentOK(); ok {
					statements = append(statements, document)
				}
			}
		}
		for _, statement := range statements {
			filter, ok := statement.Lookup("q").DocumentOK()
			if !ok {
				return scope
			}
			filters = append(filters, filter)
		}
	}
	ids := map[string]bool{}
	for _, filter := range filters {
		id, err := filter.LookupErr("_id")
		if err != nil || id.Type == bson.TypeEmbeddedDocument || id.Type == bson.TypeArray {
			return scope // no _id, or an operator such as {$in: …}: the statement may select any document
		}
		ids[string(append([]byte{byte(id.Type)}, id.Value...))] = true
	}
	if len(ids) == 0 {
		return scope
	}
	for id := range ids {
		scope.documents = append(scope.documents, id)
	}
	sort.Strings(scope.documents)
	return scope
}

// opMsgSections splits an OP_MSG request into its body and its document sequences by identifier.
func opMsgSections(message []byte) (bson.Raw, map[string][]bson.Raw, bool) {
	if len(message) < 21 || binary.LittleEndian.Uint32(message[12:16]) != opMsg {
		return nil, nil, false
	}
	end := len(message)
	if binary.LittleEndian.Uint32(message[16:20])&checksumPresentFlag != 0 {
		end -= 4
	}
	var body bson.Raw
	sequences := map[string][]bson.Raw{}
	for at := 20; at < end; {
		kind := message[at]
		at++
		if at+4 > end {
			return nil, nil, false
		}
		size := int(binary.LittleEndian.Uint32(message[at : at+4]))
		if size < 5 || at+size > end {
			return nil, nil, false
		}
		switch kind {
		case 0:
			body = bson.Raw(message[at : at+size])
		case 1:
			section := message[at+4 : at+size]
			nameEnd := bytes.IndexByte(section, 0)
			if nameEnd < 0 {
				return nil, nil, false
			}
			name := string(section[:nameEnd])
			for rest := section[nameEnd+1:]; len(rest) >= 5; {
				length := int(binary.LittleEndian.Uint32(rest[:4]))
				if length < 5 || length > len(rest) {
					return nil, nil, false
				}
				sequences[name] = append(sequences[name], bson.Raw(rest[:length]))
				rest = rest[length:]
			}
		default:
			return nil, nil, false
		}
		at += size
	}
	if body == nil || body.Validate() != nil {
		return nil, nil, false
	}
	return body, sequences, true
}

func (s *writeSerializer) exchange(request []byte, client, server net.Conn) error {
	if _, err := server.Write(request); err != nil {
		return err
	}
	if expectsNoReply(request) {
		return nil
	}
	reply, err := readMessage(server)
	if err != nil {
		return err
	}
	if handshakeCommands[commandName(request)] {
		reply = withMaxWriteBatchSize(reply, maxWriteBatchSize)
	}
	_, err = client.Write(reply)
	return err
}

// readMessage reads one length-prefixed wire protocol message.
func readMessage(r io.Reader) ([]byte, error) {
	var header [4]byte
	if _, err := io.ReadFull(r, header[:]); err != nil {
		return nil, err
	}
	length := int(binary.LittleEndian.Uint32(header[:]))
	if length < 16 || length > maxMessageSize {
		return nil, fmt.Errorf("wire message of %d bytes", length)
	}
	message := make([]byte, length)
	copy(message, header[:])
	if _, err := io.ReadFull(r, message[4:]); err != nil {
		return nil, err
	}
	return message, nil
}

// commandName is the first key of the command document of an OP_MSG, or of an OP_QUERY (drivers send
// their first handshake as one), and "" for anything else.
func commandName(message []byte) string {
	start := commandDocumentStart(message)
	if start < 0 {
		return ""
	}
	element, err := bson.Raw(message[start:]).IndexErr(0)
	if err != nil {
		return ""
	}
	return element.Key()
}

// commandDocumentStart is the offset of a request's command document, or -1.
func commandDocumentStart(message []byte) int {
	if len(message) < 21 {
		return -1
	}
	switch binary.LittleEndian.Uint32(message[12:16]) {
	case opMsg:
		if message[20] != 0 { // section kind 0 (the body) comes first in requests drivers send
			return -1
		}
		return 21
	case opQuery:
		// flags, the full collection name (a C string), numberToSkip and numberToReturn, then the query.
		end := bytes.IndexByte(message[20:], 0)
		if end < 0 || 20+end+9 >= len(message) {
			return -1
		}
		return 20 + end + 9
	}
	return -1
}

// withMaxWriteBatchSize rewrites a handshake reply (OP_MSG or OP_REPLY) to advertise at most limit
// statements per write command; any other reply, or one it cannot parse, passes unchanged.
func withMaxWriteBatchSize(reply []byte, limit int32) []byte {
	var start int
	switch binary.LittleEndian.Uint32(reply[12:16]) {
	case opMsg:
		if len(reply) < 21 || binary.LittleEndian.Uint32(reply[16:20]) != 0 || reply[20] != 0 { // no checksum, a body first
			return reply
		}
		start = 21
	case opReply:
		start = 36 // header, responseFlags, cursorID, startingFrom, numberReturned
	default:
		return reply
	}
	if len(reply) < start+4 {
		return reply
	}
	end := start + int(binary.LittleEndian.Uint32(reply[start:start+4]))
	if end > len(reply) {
		return reply
	}
	var document bson.D
	if err := bson.Unmarshal(reply[start:end], &document); err != nil {
		return reply
	}
	changed := false
	for i := range document {
		if document[i].Key == "maxWriteBatchSize" {
			document[i].Value, changed = limit, true
		}
	}
	if !changed {
		return reply
	}
	encoded, err := bson.Marshal(document)
	if err != nil {
		return reply
	}
	rewritten := append(append(append([]byte{}, reply[:start]...), encoded...), reply[end:]...)
	binary.LittleEndian.PutUint32(rewritten[0:4], uint32(len(rewritten)))
	return rewritten
}

func isWrite(message []byte) bool {
	return writeCommands[commandName(message)]
}

func expectsNoReply(message []byte) bool {
	return binary.LittleEndian.Uint32(message[12:16]) == opMsg && binary.LittleEndian.Uint32(message[16:20])&moreToComeFlag != 0
}

func (s *writeSerializer) Close() {
	_ = s.listener.Close()
	s.conns.Wait()
}
