package bigmem

import (
	"bufio"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"unsafe"
)

func TestSpan(t *testing.T) {
	const M = hugePage
	for _, c := range []struct{ p, n, start, length uintptr }{
		{0, M, 0, M},
		{1, M, 0, 0},         // no whole huge page inside
		{M - 8, 2 * M, M, M}, // rounds in at both ends
		{3 * M, 5*M + 7, 3 * M, 5 * M},
		{M + 1, M - 1, 0, 0},
	} {
		if s, l := span(c.p, c.n); s != c.start || l != c.length {
			t.Errorf("span(%#x, %#x) = %#x, %#x; want %#x, %#x", c.p, c.n, s, l, c.start, c.length)
		}
	}
}

func TestMake(t *testing.T) {
	s := Make[int64](3, 1<<20)
	if len(s) != 3 || cap(s) != 1<<20 {
		t.Fatalf("len %d cap %d", len(s), cap(s))
	}
	for i := range s[:cap(s)] {
		if s[:cap(s)][i] != 0 {
			t.Fatalf("element %d is %d, want zero", i, s[i])
		}
	}
	if Make[byte](0, 0) == nil || len(Make[string](0, 0)) != 0 {
		t.Error("an empty Make is not an empty slice")
	}
}

// The advice lands on Linux: the kernel lists the range as huge-page
// memory (VmFlags hg) unless transparent huge pages are off.
func TestAdviceLands(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("advice is for Linux")
	}
	if b, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled"); err != nil || strings.Contains(string(b), "[never]") {
		t.Skip("transparent huge pages are off")
	}
	s := Make[byte](0, 8*hugePage)
	start, _ := span(uintptr(unsafe.Pointer(unsafe.SliceData(s))), uintptr(cap(s)))
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	inside := false
	for sc.Scan() {
		line := sc.Text()
		if lo, hi, ok := strings.Cut(strings.Fields(line)[0], "-"); ok && !strings.HasSuffix(line, ":") && len(strings.Fields(line)) >= 5 {
			a, err1 := strconv.ParseUint(lo, 16, 64)
			b, err2 := strconv.ParseUint(hi, 16, 64)
			inside = err1 == nil && err2 == nil && uintptr(a) <= start && start < uintptr(b)
			continue
		}
		if inside && strings.HasPrefix(line, "VmFlags:") {
			if !strings.Contains(line, " hg") {
				t.Errorf("the range at %#x is not advised for huge pages: %s", start, line)
			}
			runtime.KeepAlive(s)
			return
		}
	}
	t.Errorf("no mapping holds %#x", start)
}
