package generator

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBuildUsesTheProjectTheme: a themes/default folder beside the config
// is the theme of build and of the single-file report, as it is of serve.
func TestBuildUsesTheProjectTheme(t *testing.T) {
	dir := project(t)
	local := filepath.Join(dir, "themes", "default")
	err := fs.WalkDir(embeddedTheme(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(embeddedTheme(), p)
		if err != nil {
			return err
		}
		if p == "layouts/page.html" {
			data = []byte(strings.ReplaceAll(string(data), "</head>", `<meta name="theme" content="the project's own"></head>`))
		}
		os.MkdirAll(filepath.Join(local, filepath.Dir(p)), 0o755)
		return os.WriteFile(filepath.Join(local, p), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	if ThemeDir(dir) != local {
		t.Fatalf("ThemeDir = %q, want %q", ThemeDir(dir), local)
	}
	config := filepath.Join(dir, "report.toml")
	out := filepath.Join(dir, "public")
	build(t, config, out)
	const marker = `content="the project's own"`
	if index, _ := os.ReadFile(filepath.Join(out, "index.html")); !strings.Contains(string(index), marker) {
		t.Error("the site was not built with the project's theme")
	}
	p := Load(Options{Config: config})
	single := filepath.Join(dir, "report.html")
	if _, err := p.BuildSingle(single, nil); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(single); !strings.Contains(string(data), marker) {
		t.Error("the single-file report was not built with the project's theme")
	}
	if ThemeDir(t.TempDir()) != "" {
		t.Error("a project without a theme folder has one")
	}
}
