// What keeps chart labels whole and apart, written into the options
// where go-echarts has no field for it.

package chart

import (
	"encoding/json"
	"math"

	"github.com/renewals/renewals/generator/analyze"
)

// legible sets what keeps every chart's labels whole and apart, where
// go-echarts has no field for it: a category axis names every category
// (its labels wrap on the left of a horizontal bar chart, and turn upright
// on a screen narrower than 500 px under a vertical one); a value axis
// hides the labels that would overlap and keeps its last one inside the
// chart. A pie's labels are never cut short.
func legible(option []byte) ([]byte, error) {
	var m map[string]any
	if err := json.Unmarshal(option, &m); err != nil {
		return nil, err
	}
	narrow := false
	for _, name := range []string{"xAxis", "yAxis"} {
		axes, _ := m[name].([]any)
		for _, a := range axes {
			axis, ok := a.(map[string]any)
			if !ok {
				continue
			}
			label, _ := axis["axisLabel"].(map[string]any)
			if label == nil {
				label = map[string]any{}
				axis["axisLabel"] = label
			}
			switch axis["type"] {
			case "category":
				if _, set := label["interval"]; !set {
					label["interval"] = 0
				}
				if name == "yAxis" {
					label["width"], label["overflow"] = 150, "break"
				} else {
					narrow = true
				}
			case "time":
				label["hideOverlap"] = true
			default:
				label["hideOverlap"] = true
				if name == "xAxis" {
					label["alignMaxLabel"] = "right"
				} else {
					axis["nameTextStyle"] = map[string]any{"align": "left"} // a long name runs into the chart, not off it
				}
			}
		}
	}
	if series, ok := m["series"].([]any); ok {
		for _, s := range series {
			if s, ok := s.(map[string]any); ok && s["type"] == "pie" {
				s["avoidLabelOverlap"] = true
				if label, ok := s["label"].(map[string]any); ok {
					label["overflow"] = "none"
				}
			}
		}
	}
	if narrow {
		m = map[string]any{"baseOption": m, "media": []any{map[string]any{
			"query":  map[string]any{"maxWidth": 500},
			"option": map[string]any{"xAxis": []any{map[string]any{"axisLabel": map[string]any{"rotate": 90}}}},
		}}}
	}
	return json.Marshal(m)
}

// patched is a chart whose option is changed after go-echarts writes it,
// for what go-echarts cannot say.
type patched struct {
	validator
	patch func(map[string]any)
}

func (p patched) JSON() map[string]any {
	m := p.validator.JSON()
	p.patch(m)
	return m
}

// axisStart is where a waterfall's value axis starts: a round number
// below the lowest level by a third of the span the bars cover, or 0 when
// the changes are large against the levels anyway.
func axisStart(low, high analyze.Money) float64 {
	lo, hi := low.Float(), high.Float()
	span := hi - lo
	if lo <= 0 || span <= 0 || span > lo/2 {
		return 0
	}
	start := lo - span/3
	step := math.Pow(10, math.Floor(math.Log10(span)))
	return math.Max(0, math.Floor(start/step)*step)
}
