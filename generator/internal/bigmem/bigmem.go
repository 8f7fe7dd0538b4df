// Package bigmem allocates the few large, long-lived slices of a build
// (an estate's lines, its exports' bytes) so that the kernel may back them
// with huge pages.
//
// Memory a process touches for the first time costs a page fault per 4 KB
// page, and on a virtual machine a second fault in the host. A
// million-device build fills about 2 GB of lines and file bytes this way:
// about a million faults, several seconds of kernel time, more than the
// parsing. Linux's default setting for transparent huge pages (madvise)
// gives 2 MB pages only to memory that asks for them, which Go's heap
// does not. Make asks for the slices it makes; elsewhere, or when the
// kernel declines, it is an ordinary make.
package bigmem

import "unsafe"

// hugePage is the size of a transparent huge page on amd64 and arm64.
const hugePage = 2 << 20

// Make returns make([]T, length, capacity), advised for huge pages when it
// spans at least one.
func Make[T any](length, capacity int) []T {
	s := make([]T, length, capacity)
	if capacity > 0 {
		var zero T
		advise(unsafe.Pointer(unsafe.SliceData(s)), uintptr(capacity)*unsafe.Sizeof(zero))
	}
	return s
}

// span returns the whole huge pages within [p, p+n): their start and
// length, 0 when there is none.
func span(p, n uintptr) (start, length uintptr) {
	start = (p + hugePage - 1) &^ (hugePage - 1)
	end := (p + n) &^ (hugePage - 1)
	if end <= start {
		return 0, 0
	}
	return start, end - start
}
