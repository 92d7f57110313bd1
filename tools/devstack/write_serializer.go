package main

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"net"
	"sync"

	"go.mongodb.org/mongo-driver/bson"
)

// FerretDB v1 executes an update as "read the document, write it back" without isolation from other
// connections: of six concurrent `updateOne({_id, version: 0}, {$inc: {version: 1}})` several match, and
// five of six concurrent `$push`es are lost. MongoDB makes every single-document write atomic, and the
// services rely on that (optimistic versions, the outbox, slot claims). The write serializer sits in
// front of FerretDB and lets one write command run at a time, which restores single-document atomicity
// between writers; reads pass freely.
//
// FerretDB v1 also keeps every statement's query open until its whole write command ends (a `defer` in
// the statement loop of its update handler), and its SQLite pool holds 100 connections: an update
// command of more than 100 statements matching existing documents waits forever for a connection — a
// second run of an idempotent seed hung that way, holding the write lock. The serializer therefore
// advertises a smaller maxWriteBatchSize in handshake replies, so drivers split bulk writes themselves.

// writeCommands change documents; they run one at a time.
var writeCommands = map[string]bool{"insert": true, "update": true, "delete": true, "findAndModify": true, "findandmodify": true}

const (
	opReply        = 1
	opQuery        = 2004
	opMsg          = 2013
	moreToComeFlag = 1 << 1
	maxMessageSize = 48 * 1000 * 1000
	// maxWriteBatchSize leaves half of FerretDB's 100 SQLite connections to concurrent readers.
	maxWriteBatchSize = 50
)

// handshakeCommands answer with the server's limits (maxWriteBatchSize among them).
var handshakeCommands = map[string]bool{"hello": true, "isMaster": true, "ismaster": true}

type writeSerializer struct {
	listener net.Listener
	backend  string
	writes   sync.Mutex
	conns    sync.WaitGroup
}

// serveWriteSerializer listens on address and forwards every connection to backend.
func serveWriteSerializer(ctx context.Context, address, backend string) (*writeSerializer, error) {
	listener, err := net.Listen("tcp", address)
	if err != nil {
		return nil, err
	}
	s := &writeSerializer{listener: listener, backend: backend}
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
		write := isWrite(request)
		if write {
			s.writes.Lock()
		}
		err = s.exchange(request, client, server)
		if write {
			s.writes.Unlock()
		}
		if err != nil {
			return err
		}
	}
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
