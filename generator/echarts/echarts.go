// Package echarts finds the ECharts build that draws the report's charts.
//
// ECharts comes from npm, pinned by package-lock.json, and is never
// committed. A release binary carries it (built with the builtinassets
// tag after make dist copies it out of node_modules); any other binary
// looks for it where npm puts it, or where the user says it is. When there
// is none, the report is still built and each chart is shown as its data
// table.
package echarts

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Pinned is the ECharts version package-lock.json pins; a test keeps the
// two in step.
const Pinned = "5.6.0"

// EnvVar names the environment variable that may point at an ECharts
// build: the minified file, or a folder holding it (node_modules/echarts,
// its dist folder, or a folder whose node_modules holds it).
const EnvVar = "RENEWALS_ECHARTS"

// File is the build the report uses, as npm lays it out. The report draws
// bar, line, pie and scatter charts with the grid, tooltip, legend, title,
// toolbox and aria components, all of which ECharts' own "common" build
// holds: 650 KB against the full build's 1 MB.
const File = "echarts.common.min.js"

// Build is a build of ECharts and where it came from.
type Build struct {
	Code    []byte
	Version string // as its package.json says, or "" when unknown
	From    string // "built in", or the path of the file
}

// Embedded returns the build compiled into this binary, or nil.
func Embedded() *Build {
	if len(embeddedCode) == 0 {
		return nil
	}
	return &Build{Code: embeddedCode, Version: version(embeddedPackage), From: "built in"}
}

// Find returns the build a report uses, in this order: the path named
// (the config's echarts key, already resolved), else the one EnvVar
// names, else the one built in, else node_modules/echarts in each of
// dirs or their parents, as node resolves packages. It returns nil and no
// error when there is none; an error when a path named does not hold one.
func Find(named string, dirs ...string) (*Build, error) {
	if named != "" {
		return fromPath(named, "echarts")
	}
	if env := os.Getenv(EnvVar); env != "" {
		return fromPath(env, EnvVar)
	}
	if b := Embedded(); b != nil {
		return b, nil
	}
	for _, start := range dirs {
		dir, err := filepath.Abs(start)
		if err != nil {
			continue
		}
		for {
			if b, err := fromFolder(filepath.Join(dir, "node_modules", "echarts")); err == nil {
				return b, nil
			}
			parent := filepath.Dir(dir)
			if parent == dir {
				break
			}
			dir = parent
		}
	}
	return nil, nil
}

// fromPath reads the build at a path the user named: the file itself, or
// a folder that holds it.
func fromPath(p, what string) (*Build, error) {
	st, err := os.Stat(p)
	if err != nil {
		return nil, fmt.Errorf("%s: %s does not exist (name echarts.common.min.js, or the node_modules/echarts folder)", what, p)
	}
	if !st.IsDir() {
		code, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		// A package.json two folders up is the package's own.
		pkg, _ := os.ReadFile(filepath.Join(filepath.Dir(filepath.Dir(p)), "package.json"))
		return &Build{Code: code, Version: version(pkg), From: p}, nil
	}
	for _, dir := range []string{filepath.Join(p, "node_modules", "echarts"), p, filepath.Dir(p)} {
		if b, err := fromFolder(dir); err == nil {
			return b, nil
		}
	}
	return nil, fmt.Errorf("%s names %s, which holds no %s (name the file, or the node_modules/echarts folder)", what, p, File)
}

// fromFolder reads the build from an installed echarts package folder, or
// from its dist folder.
func fromFolder(dir string) (*Build, error) {
	for _, p := range []string{filepath.Join(dir, "dist", File), filepath.Join(dir, File)} {
		code, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		pkg, _ := os.ReadFile(filepath.Join(filepath.Dir(filepath.Dir(p)), "package.json"))
		return &Build{Code: code, Version: version(pkg), From: p}, nil
	}
	return nil, errors.New("no ECharts here")
}

// version reads the version from a package.json, if it is echarts'.
func version(pkg []byte) string {
	var p struct{ Name, Version string }
	if json.Unmarshal(pkg, &p) != nil || p.Name != "echarts" {
		return ""
	}
	return p.Version
}

// Missing is the warning shown when there is no build: what happens, and
// how to get charts in projectDir.
func Missing(projectDir string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "charts are shown as data tables: this renewals has no ECharts built in, and none was found in node_modules/echarts of %s or its parents", projectDir)
	fmt.Fprintf(&b, ". For charts, use a release archive of renewals, which has it built in, or run `npm install echarts@%s` in %s", Pinned, projectDir)
	fmt.Fprintf(&b, " (or name a copy with echarts = \"...\" in report.toml or %s)", EnvVar)
	return b.String()
}
