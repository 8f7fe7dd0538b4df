package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"syscall"

	"github.com/renewals/renewals/generator/serve"
)

func runServe(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) int {
	config := fs.String("config", "report.toml", "the report `file`; paths in it are relative to it (or name the project folder or file as the argument)")
	addr := fs.String("addr", "127.0.0.1:1313", "the `address` to listen on; the default serves this machine only")
	quiet := fs.Bool("q", false, "quiet: print no rebuild lines")
	var maxSize byteSize
	maxSize.register(fs)
	if code, ok := parseProject(fs, args, config); !ok {
		return code
	}
	opt := serve.Options{Config: *config, Addr: *addr, MaxFileSize: int64(maxSize)}
	if !*quiet {
		opt.Log = stderr
	}
	s := serve.New(opt)
	if err := s.Start(); err != nil {
		fmt.Fprintf(stderr, "renewals serve: %v\n", err)
		return exitInput
	}
	if host, _, err := net.SplitHostPort(s.Addr()); err == nil {
		if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
			fmt.Fprintf(stderr, "renewals serve: %s is reachable from other machines\n", s.Addr())
		}
	}
	// Ctrl-C is caught before the banner invites it: a signal in between
	// would end the process without its goodbye.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	fmt.Fprintf(stdout, "Serving the report at http://%s/ — edits to the config, exports, commentary and theme rebuild it. Ctrl-C stops.\n", s.Addr())
	if err := s.Run(ctx); err != nil {
		fmt.Fprintf(stderr, "renewals serve: %v\n", err)
		return exitBug
	}
	fmt.Fprintln(stdout, "Stopped.")
	return exitOK
}
