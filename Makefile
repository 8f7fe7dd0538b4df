# Release archives: make dist (after npm ci) writes dist/renewals_<version>_<os>_<arch>.tar.gz
# (.zip for Windows) for every target, with the pinned ECharts built in, and
# dist/SHA256SUMS. VERSION=1.2.0 names the version; TARGETS=linux/amd64 builds one.
VERSION ?=
TARGETS ?=
DIST ?= dist

.PHONY: dist clean
dist:
	go run ./cmd/dist -out $(DIST) $(if $(VERSION),-version $(VERSION)) $(if $(TARGETS),-targets $(TARGETS))

clean:
	rm -rf $(DIST) generator/echarts/dist
