package echarts

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPinnedIsTheLockfiles keeps Pinned, which init writes into a new
// project's package.json and the warning names, in step with the
// version the repository's lockfile installs and make dist embeds.
func TestPinnedIsTheLockfiles(t *testing.T) {
	data, err := os.ReadFile("../../package-lock.json")
	if err != nil {
		t.Fatal(err)
	}
	var lock struct {
		Packages map[string]struct{ Version string } `json:"packages"`
	}
	if err := json.Unmarshal(data, &lock); err != nil {
		t.Fatal(err)
	}
	if got := lock.Packages["node_modules/echarts"].Version; got != Pinned {
		t.Errorf("package-lock.json pins ECharts %q, Pinned is %q", got, Pinned)
	}
}

// fakePackage lays out an npm-installed echarts under dir/node_modules.
func fakePackage(t *testing.T, dir, version string) string {
	t.Helper()
	pkg := filepath.Join(dir, "node_modules", "echarts")
	if err := os.MkdirAll(filepath.Join(pkg, "dist"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(pkg, "package.json"), []byte(`{"name": "echarts", "version": "`+version+`"}`), 0o644)
	os.WriteFile(filepath.Join(pkg, "dist", File), []byte("/* echarts "+version+" */"), 0o644)
	return pkg
}

func TestFind(t *testing.T) {
	t.Setenv(EnvVar, "")
	root := t.TempDir()
	fakePackage(t, root, "5.6.0")
	project := filepath.Join(root, "reports", "q4")
	os.MkdirAll(project, 0o755)
	other := t.TempDir()
	named := fakePackage(t, other, "5.5.1")

	tests := []struct {
		name, named, env string
		dirs             []string
		want             string // the version found, "" for none
		err              string
	}{
		{name: "node_modules in a parent of the project", dirs: []string{project}, want: "5.6.0"},
		{name: "none anywhere", dirs: []string{t.TempDir()}, want: ""},
		{name: "the config names the file", named: filepath.Join(named, "dist", File), dirs: []string{project}, want: "5.5.1"},
		{name: "the config names the package", named: named, dirs: []string{project}, want: "5.5.1"},
		{name: "the config names the folder above node_modules", named: other, dirs: []string{project}, want: "5.5.1"},
		{name: "the environment names the dist folder", env: filepath.Join(named, "dist"), dirs: []string{project}, want: "5.5.1"},
		{name: "the config wins over the environment", named: named, env: filepath.Join(root, "node_modules", "echarts"), want: "5.5.1"},
		{name: "a named path that does not exist", named: filepath.Join(other, "nope.js"), err: "nope.js does not exist"},
		{name: "a named folder without ECharts", env: project, err: "holds no " + File},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv(EnvVar, tt.env)
			b, err := Find(tt.named, tt.dirs...)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if Embedded() != nil && tt.named == "" && tt.env == "" {
				// A release binary uses the ECharts it carries.
				if b == nil || b.From != "built in" {
					t.Fatalf("found %+v, want the built-in one", b)
				}
				return
			}
			switch {
			case tt.want == "" && b != nil:
				t.Fatalf("found %s", b.From)
			case tt.want != "" && (b == nil || b.Version != tt.want || string(b.Code) != "/* echarts "+tt.want+" */"):
				t.Fatalf("found %+v, want version %s", b, tt.want)
			}
		})
	}
}

func TestMissingSaysHowToGetCharts(t *testing.T) {
	msg := Missing("/home/it/report")
	for _, want := range []string{"shown as data tables", "release archive", "npm install echarts@" + Pinned + "` in /home/it/report", EnvVar} {
		if !strings.Contains(msg, want) {
			t.Errorf("%q lacks %q", msg, want)
		}
	}
}

func TestEmbedded(t *testing.T) {
	b := Embedded()
	if (b != nil) != (len(embeddedCode) > 0) {
		t.Fatalf("Embedded() = %v with %d bytes built in", b, len(embeddedCode))
	}
	if b != nil && b.Version != Pinned {
		t.Errorf("the built-in ECharts is %q, not the pinned %q", b.Version, Pinned)
	}
}
