// Package themes embeds the site themes, so that the renewals binary
// builds a report wherever it runs.
package themes

import "embed"

// FS holds every theme: <name>/layouts/*.html and <name>/static/*.
//
//go:embed default
var FS embed.FS
