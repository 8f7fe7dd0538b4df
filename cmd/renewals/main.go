// Command renewals turns the contract exports an IT manager already has
// (installed base and coverage, end-of-life data, partner quotes) into a
// contract-renewal advisory report.
//
// Usage:
//
//	renewals check  [-config report.toml] [-strict] [-q] [-cpuprofile FILE]
//	renewals build  [-config report.toml] [-out DIR | -single FILE] [-strict] [-q] [-cpuprofile FILE]
//	renewals serve  [-config report.toml] [-addr 127.0.0.1:1313] [-q]
//	renewals init   [-as-of DATE] [-force] DIR
//	renewals sample -out DIR [-devices N] [-seed S] [-force] [-q]
//	renewals version
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
)

// version is the release; builds from a checkout say -dev.
var version = "0.1.0-dev"

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// Exit codes.
const (
	exitOK    = 0
	exitInput = 1 // the inputs have errors
	exitUsage = 2 // the command line is wrong
	exitBug   = 3 // renewals itself failed
)

type command struct {
	name, args, summary string
	run                 func(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) int
}

var commands []command

func init() {
	commands = []command{
		{"check", "[-config report.toml] [-strict] [-q]", "validate the config and every input file, and print a summary", runCheck},
		{"build", "[-config report.toml] [-out DIR | -single FILE] [-strict] [-q]", "build the report site, or one HTML file for email", runBuild},
		{"serve", "[-config report.toml] [-addr 127.0.0.1:1313] [-q]", "build and serve the report with live reload while you write", runServe},
		{"init", "[-as-of DATE] [-force] DIR", "start a new report project: config, commentary and export folders", runInit},
		{"sample", "-out DIR [-devices N] [-seed S] [-force] [-q]", "write a sample report project with realistic exports", runSample},
		{"version", "", "print the version", runVersion},
	}
}

func usage(w io.Writer) {
	fmt.Fprint(w, `renewals turns contract exports (coverage, end-of-life data, partner quotes)
into a contract-renewal advisory report.

Usage:
  renewals <command> [flags]

Commands:
`)
	for _, c := range commands {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, "\nRun 'renewals <command> -h' for the flags of a command.\n")
}

// run is main without the process: tests drive it end to end.
func run(args []string, stdout, stderr io.Writer) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "renewals: internal error: %v\nThis is a bug in renewals, not in your files; please report it with the command you ran.\n", r)
			code = exitBug
		}
	}()
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		usage(stdout)
		return exitOK
	case "-version", "--version":
		args[0] = "version"
	}
	for _, c := range commands {
		if c.name != args[0] {
			continue
		}
		fs := flag.NewFlagSet("renewals "+c.name, flag.ContinueOnError)
		fs.SetOutput(stderr)
		fs.Usage = func() {
			fmt.Fprintf(fs.Output(), "Usage: renewals %s %s\n\n%s.\n", c.name, c.args, upperFirst(c.summary))
			if hasFlags(fs) {
				fmt.Fprint(fs.Output(), "\nFlags:\n")
				fs.PrintDefaults()
			}
		}
		return c.run(fs, args[1:], stdout, stderr)
	}
	fmt.Fprintf(stderr, "renewals: unknown command %q\n\n", args[0])
	usage(stderr)
	return exitUsage
}

// parse parses flags and reports how to exit when the command should not
// go on: 0 after -h, 2 after a bad flag or a stray argument.
func parse(fs *flag.FlagSet, args []string) (int, bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK, false
		}
		return exitUsage, false
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "renewals: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return exitUsage, false
	}
	return 0, true
}

func hasFlags(fs *flag.FlagSet) bool {
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	return n > 0
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func runVersion(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) int {
	if code, ok := parse(fs, args); !ok {
		return code
	}
	fmt.Fprintf(stdout, "renewals %s (%s %s/%s)\n", version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return exitOK
}
