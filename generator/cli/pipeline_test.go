package cli

import (
	"io"
	"os"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

var generatorCall = regexp.MustCompile(`go run \./generator ([^\n|>;&]+)`)

// TestPipelineExamples keeps the CI examples in deploy/ci in step with the
// commands: each is valid YAML, validates on every push, publishes only
// from main with the atomic swap, and every generator call in them names a
// command and options that exist.
func TestPipelineExamples(t *testing.T) {
	for _, name := range []string{"github-actions.yml", "gitlab-ci.yml"} {
		b, err := os.ReadFile("../../deploy/ci/" + name)
		if err != nil {
			t.Fatal(err)
		}
		var doc map[string]any
		if err := yaml.Unmarshal(b, &doc); err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		text := string(b)
		for _, want := range []string{"validate --all --format json", "build --dry-run", "rsync -a --delete --link-dest=", "mv -T public.swap public", "main"} {
			if !strings.Contains(text, want) {
				t.Errorf("%s lacks %q", name, want)
			}
		}
		calls := generatorCall.FindAllStringSubmatch(text, -1)
		if len(calls) < 4 {
			t.Errorf("%s: %d generator calls found", name, len(calls))
		}
		for _, m := range calls {
			args := strings.Fields(m[1])
			// --help after the options: exit 0 only if every option before it parses.
			if code := Main(append(args, "--help"), io.Discard, io.Discard); code != ExitOK {
				t.Errorf("%s: go run ./generator %s: unknown command or option (exit %d)", name, m[1], code)
			}
		}
	}
}
