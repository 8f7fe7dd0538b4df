package bigmem

import (
	"syscall"
	"unsafe"
)

// advise asks for huge pages for the whole huge pages of [p, p+n). The
// advice is a hint: an error (a kernel without transparent huge pages)
// changes nothing.
func advise(p unsafe.Pointer, n uintptr) {
	start, length := span(uintptr(p), n)
	if length == 0 {
		return
	}
	// The range lies inside the slice just made, which keeps it alive.
	_ = syscall.Madvise(unsafe.Slice((*byte)(unsafe.Add(p, start-uintptr(p))), length), syscall.MADV_HUGEPAGE)
}
