package main

import (
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/renewals/renewals/generator/contract"
	"github.com/renewals/renewals/generator/echarts"
	"github.com/renewals/renewals/generator/sample"
)

func runInit(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) int {
	asOf := fs.String("as-of", "", "the report `date` (default today), such as 2026-11-23")
	force := fs.Bool("force", false, "overwrite the report.toml of an existing project")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), "Usage: renewals init [-as-of DATE] [-force] DIR\n\nStart a new report project in DIR.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	var pos []string
	if code, ok := parseN(fs, args, 1, &pos); !ok {
		return code
	}
	if len(pos) == 0 {
		fmt.Fprintln(stderr, "renewals init: name the folder of the new project, such as renewals init renewals-report")
		fs.Usage()
		return exitUsage
	}
	day := contract.DateOf(time.Now())
	if *asOf != "" {
		t, err := time.Parse(time.DateOnly, *asOf)
		if err != nil {
			fmt.Fprintf(stderr, "renewals init: -as-of %q is not a date such as 2026-11-23\n", *asOf)
			return exitUsage
		}
		day = contract.DateOf(t)
	}
	dir := pos[0]
	npm := echarts.Embedded() == nil
	files, err := sample.Scaffold(dir, day, *force, npm)
	if err != nil {
		fmt.Fprintf(stderr, "renewals init: %v\n", err)
		return exitInput
	}
	fmt.Fprintf(stdout, "Started a report project in %s (%d files). Next:\n", dir, len(files))
	fmt.Fprintf(stdout, "  1. save this quarter's coverage exports in %s/exports/%s/ (its README.md says which)\n", dir, day)
	fmt.Fprintf(stdout, "  2. optionally the EoX export in exports/eox/ and partner quotes in exports/quotes/\n")
	if npm {
		// npm install, not npm ci: the project has no lockfile yet.
		fmt.Fprintf(stdout, "  3. cd %s && npm install && renewals check && renewals build\n", dir)
		fmt.Fprintf(stdout, "     (npm install fetches ECharts %s for the charts; this renewals has none built in. Without it the charts are shown as tables.)\n", echarts.Pinned)
		return exitOK
	}
	fmt.Fprintf(stdout, "  3. cd %s && renewals check && renewals build\n", dir)
	return exitOK
}
