// Regulars is a customer notebook for a small business, in the terminal.
package main

import (
	"os"

	"regulars/cli"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

func main() { os.Exit(cli.Main(version)) }
