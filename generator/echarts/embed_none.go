//go:build !builtinassets

package echarts

// A binary built without the builtinassets tag carries no ECharts: it
// finds one with Find, or draws no charts.
var embeddedCode, embeddedPackage []byte
