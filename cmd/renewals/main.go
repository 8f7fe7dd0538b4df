// Command renewals turns the contract exports an IT manager already has
// (installed base and coverage, end-of-life data, partner quotes) into a
// contract-renewal advisory report.
//
// Usage:
//
//	renewals check  [-strict] [-q] [-cpuprofile FILE] [PROJECT]
//	renewals build  [-out DIR | -single FILE | -pdf FILE] [-strict] [-q] [-cpuprofile FILE] [PROJECT]
//	renewals serve  [-addr 127.0.0.1:1313] [-q] [PROJECT]
//	renewals init   [-as-of DATE] [-force] DIR
//	renewals sample -out DIR [-devices N] [-seed S] [-force] [-q]
//	renewals version
//
// PROJECT is the project folder or its report.toml (default: report.toml
// here; -config FILE says the same).
package main

import (
	"cmp"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/renewals/renewals/generator/diag"
	"github.com/renewals/renewals/generator/echarts"
)

// version and commit are set by make dist (-ldflags -X). Other builds
// take them from what the go command recorded: the module version for go
// install ...@vX, the VCS revision for a build in a checkout.
var version, commit string

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
		{"check", "[-strict] [-q] [PROJECT]", "validate the config and every input file, and print a summary", runCheck},
		{"build", "[-out DIR | -single FILE | -pdf FILE] [-strict] [-q] [PROJECT]", "build the report site, or one HTML file for email, or the management pack as a PDF", runBuild},
		{"serve", "[-addr 127.0.0.1:1313] [-q] [PROJECT]", "build and serve the report with live reload while you write", runServe},
		{"init", "[-as-of DATE] [-force] DIR", "start a new report project: config, commentary and export folders", runInit},
		{"sample", "-out DIR [-devices N] [-seed S] [-force] [-q]", "write a sample report project with realistic exports", runSample},
		{"version", "", "print the version, the commit, the Go version and whether ECharts is built in", runVersion},
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
	names := make([]string, len(commands))
	for i, c := range commands {
		names[i] = c.name
	}
	if s := diag.Suggest(args[0], names); s != "" {
		fmt.Fprintf(stderr, "renewals: unknown command %q (did you mean %q?)\n\nRun 'renewals help' for the list of commands.\n", args[0], s)
		return exitUsage
	}
	fmt.Fprintf(stderr, "renewals: unknown command %q\n\n", args[0])
	usage(stderr)
	return exitUsage
}

// parse parses flags and reports how to exit when the command should not
// go on: 0 after -h, 2 after a bad flag or a stray argument.
func parse(fs *flag.FlagSet, args []string) (int, bool) {
	return parseN(fs, args, 0, nil)
}

// parseN parses flags that may stand before or after up to max positional
// arguments, which go to *pos.
func parseN(fs *flag.FlagSet, args []string, max int, pos *[]string) (int, bool) {
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return exitOK, false
			}
			return exitUsage, false
		}
		if fs.NArg() == 0 {
			return 0, true
		}
		if pos == nil || len(*pos) == max {
			fmt.Fprintf(fs.Output(), "renewals: unexpected argument %q\n", fs.Arg(0))
			fs.Usage()
			return exitUsage, false
		}
		*pos = append(*pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// parseProject parses the flags of a command that works on a project,
// which may be named by -config or as an argument: its folder, or its
// report.toml.
func parseProject(fs *flag.FlagSet, args []string, config *string) (int, bool) {
	var pos []string
	if code, ok := parseN(fs, args, 1, &pos); !ok {
		return code, ok
	}
	if len(pos) == 0 {
		return 0, true
	}
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == "config" })
	if set {
		fmt.Fprintf(fs.Output(), "renewals: name the project once: as an argument (%s) or with -config (%s), not both\n", pos[0], *config)
		return exitUsage, false
	}
	*config = projectConfig(pos[0])
	return 0, true
}

// projectConfig turns a project argument into the path of its config: a
// folder means the report.toml in it.
func projectConfig(arg string) string {
	if st, err := os.Stat(arg); err == nil && st.IsDir() {
		return filepath.Join(arg, "report.toml")
	}
	return arg
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
	v, c := buildVersion()
	fmt.Fprintf(stdout, "renewals %s\ncommit  %s\ngo      %s %s/%s\n", v, c, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	if b := echarts.Embedded(); b != nil {
		fmt.Fprintf(stdout, "echarts %s, built in\n", b.Version)
	} else {
		fmt.Fprintf(stdout, "echarts not built in: found in node_modules, named by %s or echarts in report.toml, or charts are shown as tables\n", echarts.EnvVar)
	}
	return exitOK
}

// buildVersion returns the version and the commit this binary was built
// from, as far as the build recorded them.
func buildVersion() (v, c string) {
	v, c = version, commit
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return cmp.Or(v, "unknown"), cmp.Or(c, "unknown")
	}
	if v == "" && info.Main.Version != "" && info.Main.Version != "(devel)" {
		v = info.Main.Version
	}
	rev, dirty := "", false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if c == "" && rev != "" {
		c = rev
		if dirty {
			c += " (with uncommitted changes)"
		}
	}
	return cmp.Or(v, "devel"), cmp.Or(c, "unknown")
}
