package build

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"path/filepath"

	"github.com/sxwuye/portal/generator/config"
)

// inputsFingerprint hashes everything a build's output depends on: the
// generator itself, the output folder, the decoded configuration (so
// PORTAL_* overrides count), the data version, and every byte of site.yaml,
// data/, content/ and templates/. Equal fingerprints mean byte-identical
// output, so a rebuild with nothing changed can stop after validation.
func inputsFingerprint(o Options, site *Site, out string) (string, error) {
	h := sha256.New()
	abs, err := filepath.Abs(out)
	if err != nil {
		return "", err
	}
	fmt.Fprintf(h, "generator %s\nout %s\n", o.Generator, abs)
	cfg, err := json.Marshal(site.Config)
	if err != nil {
		return "", err
	}
	h.Write(cfg)
	v := site.Model.Version
	fmt.Fprintf(h, "\nversion %d %s\n", v.Date.Unix(), v.Commit)
	fsys := o.fsys()
	for _, root := range []string{config.FileName, "data", "content", "templates"} {
		err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := fs.ReadFile(fsys, p)
			if err != nil {
				return err
			}
			fmt.Fprintf(h, "file %s %d\n", p, len(b))
			h.Write(b)
			return nil
		})
		if err != nil {
			return "", err
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
