package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"

	"github.com/renewals/renewals/generator"
	"github.com/renewals/renewals/generator/diag"
)

// loadFlags are the flags that check and build share.
type loadFlags struct {
	config     string
	strict     bool
	quiet      bool
	verbose    bool
	cpuprofile string
	memprofile string
	maxSize    byteSize
}

func (f *loadFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.config, "config", "report.toml", "the report `file`; paths in it are relative to it (or name the project folder or file as the argument)")
	fs.BoolVar(&f.strict, "strict", false, "treat warnings as errors")
	fs.BoolVar(&f.quiet, "q", false, "quiet: print no progress lines, and only the count of the warnings")
	fs.BoolVar(&f.verbose, "v", false, "list every place of an error, not the first few places of each kind")
	fs.StringVar(&f.cpuprofile, "cpuprofile", "", "write a CPU profile of the run to `file`, for go tool pprof")
	fs.StringVar(&f.memprofile, "memprofile", "", "write a profile of the run's allocations to `file`, for go tool pprof")
	f.maxSize.register(fs)
}

// byteSize is a size flag: 2GB, 500MB, 64KB or a number of bytes.
type byteSize int64

func (b *byteSize) register(fs *flag.FlagSet) {
	*b = generator.DefaultMaxFileSize
	fs.Var(b, "max-file-size", "the largest input `size` read, such as 500MB or 4GB")
}

// sizeUnits are the units a size flag reads and writes, largest first.
var sizeUnits = []struct {
	suffix string
	n      int64
}{{"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10}, {"B", 1}}

func (b *byteSize) String() string {
	n := int64(*b)
	for _, u := range sizeUnits[:len(sizeUnits)-1] {
		if n >= u.n && n%u.n == 0 {
			return strconv.FormatInt(n/u.n, 10) + u.suffix
		}
	}
	return strconv.FormatInt(n, 10)
}

func (b *byteSize) Set(s string) error {
	num := strings.TrimSpace(s)
	unit := int64(1)
	for _, u := range sizeUnits {
		if rest, ok := strings.CutSuffix(strings.ToUpper(num), u.suffix); ok {
			num, unit = strings.TrimSpace(rest), u.n
			break
		}
	}
	n, err := strconv.ParseInt(num, 10, 64)
	if err != nil || n <= 0 || n > (1<<62)/unit {
		return fmt.Errorf("%q is not a size such as 500MB or 4GB", s)
	}
	*b = byteSize(n * unit)
	return nil
}

// profile starts the profiles that -cpuprofile and -memprofile ask for
// and returns the function that stops them and writes them.
func (f *loadFlags) profile(stderr io.Writer) (stop func(), ok bool) {
	var stops []func()
	stop = func() {
		for _, s := range stops {
			s()
		}
	}
	if f.cpuprofile != "" {
		out, err := os.Create(f.cpuprofile)
		if err != nil {
			fmt.Fprintf(stderr, "renewals: %v\n", err)
			return nil, false
		}
		if err := pprof.StartCPUProfile(out); err != nil {
			out.Close()
			fmt.Fprintf(stderr, "renewals: cannot profile: %v\n", err)
			return nil, false
		}
		stops = append(stops, func() {
			pprof.StopCPUProfile()
			if err := out.Close(); err != nil {
				fmt.Fprintf(stderr, "renewals: %v\n", err)
			}
		})
	}
	if f.memprofile != "" {
		out, err := os.Create(f.memprofile)
		if err != nil {
			stop()
			fmt.Fprintf(stderr, "renewals: %v\n", err)
			return nil, false
		}
		// One sample per 64 KB allocated: a large build allocates
		// gigabytes, and the default rate would slow it down.
		runtime.MemProfileRate = 64 << 10
		stops = append(stops, func() {
			runtime.GC() // the profile shows what the last collection has seen
			err := pprof.Lookup("allocs").WriteTo(out, 0)
			if cerr := out.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				fmt.Fprintf(stderr, "renewals: %v\n", err)
			}
		})
	}
	return stop, true
}

func (f *loadFlags) options(stderr io.Writer) generator.Options {
	o := generator.Options{Config: f.config, MaxFileSize: int64(f.maxSize)}
	if !f.quiet {
		o.Progress = stderr
	}
	return o
}

// report prints every diagnostic to stderr and says whether the inputs
// are good enough to go on.
func report(p *generator.Project, lf *loadFlags, stderr io.Writer) bool {
	p.Diags.Sort()
	shown := p.Diags
	if lf.quiet && !lf.strict {
		// Quiet: the errors, and how many warnings there are.
		shown = p.Diags.OnlyErrors()
		if n := p.Diags.Count(diag.Warning); n > 0 {
			defer fmt.Fprintf(stderr, "renewals: %d warning(s); run without -q to list them\n", n)
		}
	}
	if lf.verbose {
		shown.WriteEvery(stderr)
	} else {
		shown.Write(stderr)
	}
	if w := p.ChartsMissing(); w != "" {
		fmt.Fprintf(stderr, "renewals: warning: %s\n", w)
	}
	if !p.Diags.HasErrors(lf.strict) {
		return true
	}
	if e := p.Diags.Count(diag.Error); e > 0 {
		fmt.Fprintf(stderr, "renewals: %s in the inputs\n", plural(e, "error"))
	} else {
		fmt.Fprintf(stderr, "renewals: %s (-strict makes warnings fail) in the inputs\n", plural(p.Diags.Count(diag.Warning), "warning"))
	}
	return false
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func runCheck(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) int {
	var lf loadFlags
	lf.register(fs)
	if code, ok := parseProject(fs, args, &lf.config); !ok {
		return code
	}
	stop, ok := lf.profile(stderr)
	if !ok {
		return exitUsage
	}
	defer stop()
	p := generator.Load(lf.options(stderr))
	ok = report(p, &lf, stderr)
	if p.Config != nil {
		writeSummary(stdout, p.Summarize())
	}
	if !ok {
		return exitInput
	}
	return exitOK
}

func runBuild(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) int {
	var lf loadFlags
	lf.register(fs)
	out := fs.String("out", "", "write the site to `DIR` instead of the config's output")
	single := fs.String("single", "", "write the report as one self-contained HTML `file` for email, instead of the site")
	pdf := fs.String("pdf", "", "write the management pack (summary, advice, renewals) as an A4 PDF `file`, printed by Chromium or Chrome, instead of the site")
	if code, ok := parseProject(fs, args, &lf.config); !ok {
		return code
	}
	stop, ok := lf.profile(stderr)
	if !ok {
		return exitUsage
	}
	defer stop()
	opts := lf.options(stderr)
	opts.DropHistory = true // the site needs only the report
	p := generator.Load(opts)
	if !report(p, &lf, stderr) {
		return exitInput
	}
	if *out != "" {
		p.Config.Output = *out
	}
	var progress io.Writer
	if !lf.quiet {
		progress = stderr
	}
	// One file instead of the site: the management pack, or the whole
	// report for email.
	one := func(path, what string, write func(string, io.Writer) (int, error)) int {
		n, err := write(path, progress)
		if err != nil {
			buildFailed(p, err, stderr)
			return exitInput
		}
		fmt.Fprintf(stdout, "%s: %s, %s.\n", path, generator.Size(int64(n)), what)
		return exitOK
	}
	switch {
	case *pdf != "":
		return one(*pdf, "the management pack on A4", p.BuildPDF)
	case *single != "":
		return one(*single, "one file with everything inlined; it opens offline", p.BuildSingle)
	}
	if _, err := p.Build(p.Config.Output, progress); err != nil {
		buildFailed(p, err, stderr)
		return exitInput
	}
	writeHeadlines(stdout, p.Report, p.Config.Title, p.Config.Organization, 5)
	return exitOK
}

// buildFailed prints why a build failed: an error in a theme's template
// as a diagnostic at its file and line.
func buildFailed(p *generator.Project, err error, stderr io.Writer) {
	if d, ok := p.ThemeError(err); ok {
		l := &diag.List{}
		l.Add(d)
		l.Write(stderr)
		return
	}
	fmt.Fprintf(stderr, "renewals build: %v\n", err)
}
