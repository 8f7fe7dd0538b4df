package generator

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var idAttr = regexp.MustCompile(` id="([^"]*)"`)

// TestCommentaryIDsUniqueOnAPage places two documents on one page, each
// with the same heading and the same chart: every element of every page
// keeps an id of its own.
func TestCommentaryIDsUniqueOnAPage(t *testing.T) {
	t.Parallel()
	dir := project(t)
	doc := "---\ntitle: %s\npage: spend\n---\n\n## Summary\n\nText.\n\n{{< chart renewals_by_month >}}\n"
	for _, name := range []string{"a", "b"} {
		body := strings.Replace(doc, "%s", "Note "+name, 1)
		if err := os.WriteFile(filepath.Join(dir, "content", name+".md"), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(dir, "public")
	build(t, filepath.Join(dir, "report.toml"), out)
	built := siteFiles(t, out)
	spend := string(built["spend/index.html"])
	for _, want := range []string{`id="c-summary"`, `id="c-summary-2"`, `id="renewals_by_month_1"`, `id="renewals_by_month_2"`} {
		if strings.Count(spend, want) != 1 {
			t.Errorf("spend/index.html has %s %d times, want once", want, strings.Count(spend, want))
		}
	}
	for name, data := range built {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		seen := map[string]bool{}
		for _, m := range idAttr.FindAllStringSubmatch(string(data), -1) {
			if seen[m[1]] {
				t.Errorf("%s: id %q twice", name, m[1])
			}
			seen[m[1]] = true
		}
	}
}
