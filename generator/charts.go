// Where the chart library comes from (see the README's "Where the charts
// come from").

package generator

import (
	"os"

	"github.com/renewals/renewals/generator/echarts"
)

// chartCode is the ECharts build the site carries, or nil.
func (p *Project) chartCode() []byte {
	if p.Charts == nil {
		return nil
	}
	return p.Charts.Code
}

// findCharts looks for ECharts: the config's echarts key, the
// environment, the binary, then node_modules beside the project or the
// working folder, or above them.
func (p *Project) findCharts() {
	dirs := []string{p.Config.Dir}
	if wd, err := os.Getwd(); err == nil {
		dirs = append(dirs, wd)
	}
	b, err := echarts.Find(p.Config.ECharts, dirs...)
	if err != nil {
		p.Diags.Errorf(p.Config.EChartsPos, "%v", err)
	}
	p.Charts = b
}

// ChartsMissing returns the warning to show when the report has no
// ECharts to draw its charts with, or "".
func (p *Project) ChartsMissing() string {
	if p.Config == nil || p.Charts != nil || p.Config.ECharts != "" {
		return ""
	}
	return echarts.Missing(p.Config.Dir)
}
