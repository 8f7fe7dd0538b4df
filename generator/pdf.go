package generator

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// ChromiumEnv names the environment variable that may name the Chromium or
// Chrome that prints the PDF.
const ChromiumEnv = "RENEWALS_CHROMIUM"

// pdfPages are the pages of the management pack, in order.
var pdfPages = []string{"index", "advice", "renewals"}

// BuildPDF writes the management pack (the executive summary, the advice
// and the renewals) as an A4 PDF, printed by headless Chromium from the
// single-file report, and returns its size. It needs a Chromium or Chrome
// on this machine; the error says so when there is none.
func (p *Project) BuildPDF(path string, progress io.Writer) (int, error) {
	if p.Report == nil {
		return 0, fmt.Errorf("the inputs have errors; nothing was written")
	}
	exe, err := findChromium()
	if err != nil {
		return 0, err
	}
	start := time.Now()
	html, err := p.singleFile(pdfPages)
	if err != nil {
		return 0, err
	}
	dir, err := os.MkdirTemp("", "renewals-pdf-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(dir)
	page := filepath.Join(dir, "report.html")
	if err := os.WriteFile(page, html, 0o600); err != nil {
		return 0, err
	}
	pdf, err := printPDF(exe, dir, page)
	if err != nil {
		return 0, fmt.Errorf("printing with %s: %w", exe, err)
	}
	if err := writeFile(path, pdf); err != nil {
		return 0, err
	}
	p.stage(progress)(start, "wrote %s, %s", path, size(int64(len(pdf))))
	return len(pdf), nil
}

// findChromium finds the browser that prints: the one ChromiumEnv names,
// else the first of the usual names on PATH and the usual install places.
func findChromium() (string, error) {
	if exe := os.Getenv(ChromiumEnv); exe != "" {
		if _, err := os.Stat(exe); err != nil {
			return "", fmt.Errorf("%s names %s, which does not exist", ChromiumEnv, exe)
		}
		return exe, nil
	}
	names := []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"}
	for _, n := range names {
		if exe, err := exec.LookPath(n); err == nil {
			return exe, nil
		}
	}
	var places []string
	switch runtime.GOOS {
	case "darwin":
		places = []string{"/Applications/Google Chrome.app/Contents/MacOS/Google Chrome", "/Applications/Chromium.app/Contents/MacOS/Chromium"}
	case "windows":
		for _, env := range []string{"ProgramFiles", "ProgramFiles(x86)", "LocalAppData"} {
			if dir := os.Getenv(env); dir != "" {
				places = append(places, filepath.Join(dir, "Google", "Chrome", "Application", "chrome.exe"))
			}
		}
	}
	for _, p := range places {
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	return "", errors.New("printing a PDF needs Chromium or Google Chrome, and none was found on this machine: install one, or name it with " + ChromiumEnv)
}

// printPDF opens file in a headless browser, lets the charts draw, and
// prints it on A4.
func printPDF(exe, profile, file string) ([]byte, error) {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe), chromedp.UserDataDir(profile),
		chromedp.Flag("disable-gpu", true), chromedp.Flag("disable-component-update", true))
	if os.Geteuid() == 0 {
		opts = append(opts, chromedp.NoSandbox) // Chromium will not start as root otherwise
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, stop := context.WithTimeout(ctx, 2*time.Minute)
	defer stop()
	drawn := `Array.from(document.querySelectorAll(".chart-canvas")).every(b => b.querySelector("canvas"))`
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+filepath.ToSlash(file))); err != nil {
		return nil, err
	}
	if ok, err := chromedp.Run(ctx, chromedp.Poll[bool](drawn, chromedp.WithPollingTimeout(20*time.Second))); err != nil || !ok {
		return nil, fmt.Errorf("the charts did not draw: %w", err)
	}
	a4w, a4h, margin, background := 8.27, 11.69, 0.4, true
	res, err := chromedp.Call(ctx, page.PrintToPDF, page.PrintToPDFParams{PaperWidth: a4w, PaperHeight: a4h,
		MarginTop: &margin, MarginBottom: &margin, MarginLeft: &margin, MarginRight: &margin, PrintBackground: &background})
	if err != nil {
		return nil, err
	}
	return res.Data, nil
}
