package main

import (
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/renewals/renewals/generator/sample"
)

func runSample(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) int {
	out := fs.String("out", "", "write the project into `DIR` (required)")
	devices := fs.Int("devices", sample.DefaultDevices, "how many devices the estate has")
	seed := fs.Uint64("seed", sample.DefaultSeed, "the random seed; the same seed gives the same bytes")
	force := fs.Bool("force", false, "overwrite a report project that renewals sample did not write")
	quiet := fs.Bool("q", false, "quiet: print no progress lines")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if *out == "" {
		fmt.Fprintln(stderr, "renewals sample: -out DIR is required")
		fs.Usage()
		return exitUsage
	}
	if *devices < 20 || *devices > 2_000_000 {
		fmt.Fprintf(stderr, "renewals sample: -devices %d is out of range (accepted: 20 to 2000000)\n", *devices)
		return exitUsage
	}
	start := time.Now()
	files, err := sample.Write(*out, sample.Options{Devices: *devices, Seed: *seed, Force: *force})
	if err != nil {
		fmt.Fprintf(stderr, "renewals sample: %v\n", err)
		return exitInput
	}
	if !*quiet {
		fmt.Fprintf(stderr, "renewals: wrote %d files for %d devices into %s (%d ms)\n", len(files), *devices, *out, time.Since(start).Milliseconds())
	}
	fmt.Fprintf(stdout, "Wrote a sample report project to %s\nNext: renewals check -config %s\n", *out, joinConfig(*out))
	return exitOK
}

func joinConfig(dir string) string { return filepath.Join(dir, "report.toml") }
