package build

import (
	"io/fs"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"github.com/sxwuye/portal/generator/model"
)

// dataVersion decides the "last updated" date of a build without reading the
// wall clock, so identical inputs give identical bytes:
//  1. SOURCE_DATE_EPOCH when set (the reproducible-builds convention; explicit wins);
//  2. else site.yaml's version_date, the date a snapshot describes (the
//     commit id, when there is one, still names the inputs);
//  3. else the date of the last git commit touching content/ or data/, when
//     the site is a git checkout;
//  4. else the newest modification time among the inputs.
func dataVersion(root string, fsys fs.FS, env func(string) (string, bool), pinned time.Time) model.Version {
	if env != nil {
		if s, ok := env("SOURCE_DATE_EPOCH"); ok && s != "" {
			if n, err := strconv.ParseInt(s, 10, 64); err == nil {
				return model.Version{Date: time.Unix(n, 0).UTC()}
			}
		}
	}
	if !pinned.IsZero() {
		v := model.Version{Date: pinned.UTC()}
		if root != "" {
			if g, ok := gitVersion(root); ok {
				v.Commit = g.Commit
			}
		}
		return v
	}
	if root != "" {
		if v, ok := gitVersion(root); ok {
			return v
		}
	}
	var newest time.Time
	for _, dir := range []string{"content", "data"} {
		_ = fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			if info, err := d.Info(); err == nil && info.ModTime().After(newest) {
				newest = info.ModTime()
			}
			return nil
		})
	}
	if !newest.IsZero() {
		newest = newest.UTC().Truncate(time.Second)
	}
	return model.Version{Date: newest}
}

func gitVersion(root string) (model.Version, bool) {
	cmd := exec.Command("git", "-C", root, "log", "-1", "--format=%ct %h", "--", "content", "data")
	out, err := cmd.Output()
	if err != nil {
		return model.Version{}, false
	}
	fields := strings.Fields(string(out))
	if len(fields) != 2 {
		return model.Version{}, false
	}
	n, err := strconv.ParseInt(fields[0], 10, 64)
	if err != nil {
		return model.Version{}, false
	}
	// A dirty tree is newer than its last commit: fall back to file times then.
	if st, err := exec.Command("git", "-C", root, "status", "--porcelain", "--", "content", "data").Output(); err == nil && len(strings.TrimSpace(string(st))) > 0 {
		return model.Version{}, false
	}
	return model.Version{Date: time.Unix(n, 0).UTC(), Commit: fields[1]}, true
}
