module github.com/renewals/renewals

go 1.26

require github.com/gocarina/gocsv v0.0.0-20240520201108-78e41c74b4b1

require github.com/BurntSushi/toml v1.6.0 // indirect
