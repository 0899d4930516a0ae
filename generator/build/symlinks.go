package build

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/sxwuye/portal/generator/config"
	"github.com/sxwuye/portal/generator/diag"
)

// inputTops are the inputs of a site under its folder.
var inputTops = []string{config.FileName, "content", "data", "templates"}

// checkSymlinks refuses symbolic links among the inputs of a site on disk
// that lead outside the site folder (a page could publish any file the
// build can read), that lead nowhere, or that stand for a folder (the
// loaders would see a file that cannot be read). Links to files inside the
// site are read as the files they point to.
func checkSymlinks(root string, rep *diag.Report) {
	if root == "" {
		return
	}
	realRoot, err := filepath.EvalSymlinks(root)
	if err != nil {
		return
	}
	for _, top := range inputTops {
		_ = filepath.WalkDir(filepath.Join(root, top), func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.Type()&fs.ModeSymlink == 0 {
				return nil // a missing input is reported by its loader
			}
			rel, _ := filepath.Rel(root, p)
			rel = filepath.ToSlash(rel)
			target, err := filepath.EvalSymlinks(p)
			if err != nil {
				rep.Errorf(rel, 0, 0, "", nil, "是指向不存在位置的符号链接，请换成实际的文件")
				return nil
			}
			if !within(realRoot, target) {
				rep.Errorf(rel, 0, 0, "", diag.V(target), "是指向站点文件夹之外的符号链接，不予读取：请把文件复制到站点文件夹中")
				return nil
			}
			if fi, err := os.Stat(target); err == nil && fi.IsDir() {
				rep.Errorf(rel, 0, 0, "", nil, "是指向文件夹的符号链接，不予读取：请把文件放在实际的文件夹里")
			}
			return nil
		})
	}
}

// within reports whether p is root or below it (both resolved).
func within(root, p string) bool {
	rel, err := filepath.Rel(root, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}
