package main

import (
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

// writeCommands change documents; they run one at a time.
var writeCommands = map[string]bool{"insert": true, "update": true, "delete": true, "findAndModify": true, "findandmodify": true}

const (
	opMsg          = 2013
	moreToComeFlag = 1 << 1
	maxMessageSize = 48 * 1000 * 1000
)

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

// commandName is the first key of an OP_MSG's body section ("" for anything else).
func commandName(message []byte) string {
	if len(message) < 21 || binary.LittleEndian.Uint32(message[12:16]) != opMsg {
		return ""
	}
	body := message[20:]
	if body[0] != 0 { // section kind 0 (the body) comes first in requests drivers send
		return ""
	}
	element, err := bson.Raw(body[1:]).IndexErr(0)
	if err != nil {
		return ""
	}
	return element.Key()
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
