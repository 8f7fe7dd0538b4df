package generator

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBuildUsesTheProjectTheme: a themes/default folder beside the config
// is the theme of build and of the single-file report, as it is of serve.
// It holds only what the project changes (here the page layout, and a
// logo of its own); the rest comes from the embedded theme.
func TestBuildUsesTheProjectTheme(t *testing.T) {
	t.Parallel()
	dir := project(t)
	local := filepath.Join(dir, "themes", "default")
	layout, err := fs.ReadFile(embeddedTheme(), "layouts/page.html")
	if err != nil {
		t.Fatal(err)
	}
	layout = bytes.ReplaceAll(layout, []byte("</head>"), []byte(`<meta name="theme" content="the project's own"></head>`))
	os.MkdirAll(filepath.Join(local, "layouts"), 0o755)
	os.MkdirAll(filepath.Join(local, "static"), 0o755)
	os.WriteFile(filepath.Join(local, "layouts", "page.html"), layout, 0o644)
	os.WriteFile(filepath.Join(local, "static", "logo.svg"), []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`), 0o644)
	if ThemeDir(dir) != local {
		t.Fatalf("ThemeDir = %q, want %q", ThemeDir(dir), local)
	}

	config := filepath.Join(dir, "report.toml")
	out := filepath.Join(dir, "public")
	build(t, config, out)
	const marker = `content="the project's own"`
	if index, _ := os.ReadFile(filepath.Join(out, "index.html")); !strings.Contains(string(index), marker) {
		t.Error("the site was not built with the project's layout")
	}
	css, _ := os.ReadFile(filepath.Join(out, "assets", "style.css"))
	if want, _ := fs.ReadFile(embeddedTheme(), "static/style.css"); len(want) == 0 || !bytes.Equal(css, want) {
		t.Error("the site lacks the embedded theme's style sheet")
	}
	if _, err := os.Stat(filepath.Join(out, "assets", "logo.svg")); err != nil {
		t.Error("the project's own static file was not published")
	}

	p := Load(Options{Config: config})
	single := filepath.Join(dir, "report.html")
	if _, err := p.BuildSingle(single, nil); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(single); !strings.Contains(string(data), marker) {
		t.Error("the single-file report was not built with the project's layout")
	}
	if ThemeDir(t.TempDir()) != "" {
		t.Error("a project without a theme folder has one")
	}
}

// TestThemeErrorsAtTheTemplate: a template that does not parse, and one
// that fails while it runs, are diagnostics at the theme's file and line,
// not errors of the config; the previous site is left as it was.
func TestThemeErrorsAtTheTemplate(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name, replace, with, want string
	}{
		{"parse", "</head>", "{{if}}</head>", "layouts/page.html:%d: missing value for if"},
		{"run", "</head>", "{{.NoSuchField}}</head>", `layouts/page.html:%d:`},
	} {
		dir := project(t)
		local := filepath.Join(dir, "themes", "default", "layouts")
		layout, _ := fs.ReadFile(embeddedTheme(), "layouts/page.html")
		line := 1 + bytes.Count(layout[:bytes.Index(layout, []byte(c.replace))], []byte("\n"))
		os.MkdirAll(local, 0o755)
		os.WriteFile(filepath.Join(local, "page.html"), bytes.Replace(layout, []byte(c.replace), []byte(c.with), 1), 0o644)
		p := Load(Options{Config: filepath.Join(dir, "report.toml")})
		if p.Report == nil {
			t.Fatalf("%s: the project has errors", c.name)
		}
		_, err := p.Build(filepath.Join(dir, "public"), nil)
		if err == nil {
			t.Fatalf("%s: the build succeeded", c.name)
		}
		d := p.Diagnose(err)
		want := filepath.Join(local, "page.html") + ":" + strings.TrimPrefix(fmt.Sprintf(c.want, line), "layouts/page.html:")
		if got := d.String(); !strings.HasPrefix(got, want) {
			t.Errorf("%s: %s\nwant it to start %s", c.name, got, want)
		}
		if _, err := os.Stat(filepath.Join(dir, "public")); !os.IsNotExist(err) {
			t.Errorf("%s: the failed build left an output", c.name)
		}
	}
}

// TestProjectWording: a project's themes/default/wording.toml changes the
// sentences it names and keeps the rest; a key the theme does not have, a
// template that does not parse and one that names a field the page does
// not give are errors at the file's line.
func TestProjectWording(t *testing.T) {
	t.Parallel()
	dir := project(t)
	local := filepath.Join(dir, "themes", "default")
	os.MkdirAll(local, 0o755)
	wording := filepath.Join(local, "wording.toml")
	os.WriteFile(wording, []byte("# ours\n[risk]\nlead = \"{{thousands .Uncovered}} devices without cover: our words.\"\n"), 0o644)
	config := filepath.Join(dir, "report.toml")
	out := filepath.Join(dir, "public")
	build(t, config, out)
	risk, _ := os.ReadFile(filepath.Join(out, "risk", "index.html"))
	if !strings.Contains(string(risk), "devices without cover: our words.") {
		t.Error("the risk page's lead is not the project's")
	}
	if index, _ := os.ReadFile(filepath.Join(out, "index.html")); !strings.Contains(string(index), "of maintenance a year across") {
		t.Error("the summary lost the built-in wording the project did not change")
	}

	for _, c := range []struct{ file, want string }{
		{"[risk]\nleed = \"x\"\n", wording + ":2: unknown wording key risk.leed (did you mean risk.lead?)"},
		{"\n[spend]\nlead = \"{{.Annual\"\n", wording + ":3: spend.lead: template: spend.lead:1: unclosed action"},
		{"[spend\n", wording + ":2: toml: "},
	} {
		os.WriteFile(wording, []byte(c.file), 0o644)
		p := Load(Options{Config: config})
		var b bytes.Buffer
		p.Diags.Write(&b)
		if !strings.Contains(b.String(), c.want) || p.Report != nil {
			t.Errorf("%q:\n%s\nwant %s", c.file, b.String(), c.want)
		}
	}
	os.WriteFile(wording, []byte("[risk]\nlead = \"{{.Nope}}\"\n"), 0o644)
	p := Load(Options{Config: config})
	if p.Report == nil {
		t.Fatal("a field the page does not give is found only when the page is made")
	}
	_, err := p.Build(filepath.Join(dir, "public2"), nil)
	if d, ok := p.ThemeError(err); !ok || !strings.Contains(d.String(), "wording.toml: template: risk.lead:1:2: executing \"risk.lead\" at <.Nope>") {
		t.Errorf("a field the page does not give: %v", err)
	}
}
