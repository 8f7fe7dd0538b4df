//go:build builtinassets

package echarts

import _ "embed"

// The release build carries the pinned ECharts, copied out of node_modules
// into dist/ by make dist (which never commits it).

//go:embed dist/echarts.common.min.js
var embeddedCode []byte

//go:embed dist/package.json
var embeddedPackage []byte
