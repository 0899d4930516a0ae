// Command generator builds the community property management portal: a
// static site with open-data downloads, from data/*.csv and content/**/*.md.
//
//	go run ./generator build      # builds the site into public/
//	go run ./generator validate   # checks every input, writes nothing
//	go run ./generator serve      # preview with rebuild on change
//	go run ./generator sample     # writes a generated data set (province/national scale)
//	go run ./generator bench      # the build benchmark against the I/O floor
package main

import (
	"os"

	"github.com/sxwuye/portal/generator/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr))
}
