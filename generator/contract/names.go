package contract

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// Slug keeps ASCII letters, digits and _ of s, lower-cased, joined by
// single dashes, so that no name built from input text can climb out of
// its folder.
func Slug(s string) string {
	var out strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' {
			if dash && out.Len() > 0 {
				out.WriteByte('-')
			}
			out.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	return out.String()
}

// Key limits: a key is at most maxKey bytes; a hashed one keeps a readable
// prefix of at most keyPrefix bytes.
const (
	maxKey    = 60
	keyPrefix = 40
)

// Key returns a name for s that is safe in a file name, a URL and an
// identifier, short, and held by no other value: s itself when it is its
// own slug of at most 60 bytes (93824710, c9300-48p-a), else a readable
// prefix of its slug and 8 hex digits of a hash of s (abc-1-5f0c3e9d for
// ABC/1, which would otherwise slug like abc-1). It depends on s alone, so
// it stays the same from one quarter to the next.
func Key(s string) string {
	if len(s) <= maxKey && s != "" && Slug(s) == s {
		return s
	}
	sum := sha256.Sum256([]byte(s))
	h := hex.EncodeToString(sum[:4])
	p := Slug(s)
	if len(p) > keyPrefix {
		p = strings.TrimRight(p[:keyPrefix], "-")
	}
	if p == "" {
		return h
	}
	return p + "-" + h
}

// Names gives each of a set of values a name for its page: its slug
// when that is at most 60 bytes and no other value of the set slugs
// alike, else its Key. Pages keep readable addresses (sites/central-hospital)
// while values that would share one, or are too long for a file name, still
// get one each.
func Names(values []string) map[string]string {
	count := map[string]int{}
	for _, v := range values {
		count[Slug(v)]++
	}
	out := make(map[string]string, len(values))
	for _, v := range values {
		if s := Slug(v); s != "" && len(s) <= maxKey && count[s] == 1 {
			out[v] = s
		} else {
			out[v] = Key(v)
		}
	}
	return out
}
