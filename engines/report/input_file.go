package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"syscall"
)

// The largest input files the command reads: a .spc file, an exceptions
// file and a baseline (a JSON report, about 1 KB per token and control
// that alarms, 300 MB for 200 connections of 300 tokens).
const (
	maxConnectionsFile = 1 << 20
	maxExceptionsFile  = 16 << 20
	maxBaselineFile    = 1 << 30
)

// readInputFile reads a file named on the command line: a regular file of
// at most limit bytes. A pipe, a FIFO or a device is refused without
// waiting for it (it may never end, or never start), and so is a bigger
// file. The read stops when ctx is done.
func readInputFile(ctx context.Context, path string, limit int64) ([]byte, error) {
	// O_NONBLOCK: opening a FIFO nobody writes to would wait forever.
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file (%s): give a file, not a pipe, FIFO or device", path, fileKind(info.Mode()))
	}
	tooBig := fmt.Errorf("%s is larger than %d MiB, the most this file may be", path, limit>>20)
	if info.Size() > limit {
		return nil, tooBig
	}
	var data bytes.Buffer
	data.Grow(int(info.Size()))
	chunk := make([]byte, 1<<20)
	for {
		if err := context.Cause(ctx); err != nil {
			return nil, err
		}
		n, err := f.Read(chunk)
		data.Write(chunk[:n])
		if int64(data.Len()) > limit {
			return nil, tooBig // it grew while being read
		}
		if errors.Is(err, io.EOF) {
			return data.Bytes(), nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// fileKind names what a file that is not a regular one is.
func fileKind(mode os.FileMode) string {
	switch {
	case mode.IsDir():
		return "a directory"
	case mode&os.ModeNamedPipe != 0:
		return "a pipe or FIFO"
	case mode&os.ModeSocket != 0:
		return "a socket"
	case mode&os.ModeDevice != 0:
		return "a device"
	}
	return "not a plain file"
}
