package build

import (
	"errors"
	"io/fs"
	"path"
	"strings"

	"github.com/sxwuye/portal/generator/content"
	"github.com/sxwuye/portal/generator/dataset"
	"github.com/sxwuye/portal/generator/diag"
	"github.com/sxwuye/portal/generator/opendata"
	"github.com/sxwuye/portal/generator/pages"
)

// hashedFolders hold files named by their content hash (the search index),
// so no old address may be placed inside them.
var hashedFolders = []string{"search/"}

// checkAliases reports every alias (old address) of a document that would
// land on a path the site already produces: a page, a site file, a
// download, a static asset, or a file where the alias needs a folder. It
// runs in the load phase, so validate refuses what build would, at the
// alias's own line. Only sites that have aliases pay for listing the paths.
func checkAliases(s *Site, fsys fs.FS, rep *diag.Report) {
	var docs []*content.Document
	for _, d := range s.Docs {
		if len(d.Aliases) > 0 {
			docs = append(docs, d)
		}
	}
	if len(docs) == 0 || s.Model == nil {
		return
	}
	owners, err := outputPaths(s, fsys)
	if err != nil {
		rep.Errorf("templates/static", 0, 0, "", nil, "无法列出静态文件：%v", err)
		return
	}
	for _, d := range docs {
		for i, a := range d.Aliases {
			line, col := d.AliasPos(i)
			if why := aliasClash(a, owners); why != "" {
				rep.Errorf(d.Source, line, col, "aliases 旧地址", diag.V(a), "%s", why)
			}
		}
	}
}

// aliasClash says why the redirect page of alias a cannot be written, or "".
func aliasClash(a string, owners map[string]string) string {
	dir := strings.Trim(a, "/")
	out := dir + "/index.html"
	for _, h := range hashedFolders {
		if strings.HasPrefix(out, h) {
			return "旧地址不能放在 /" + h + " 下：那里的文件由生成器按内容命名"
		}
	}
	if owner, ok := owners[out]; ok {
		return "与本站生成的 " + owner + " 是同一地址：每个地址只能有一个来源，请换一个旧地址或删除该项"
	}
	for p := dir; p != "." && p != ""; p = path.Dir(p) {
		if owner, ok := owners[p]; ok {
			return "需要把本站生成的文件 " + owner + " 变成文件夹：请换一个旧地址或删除该项"
		}
	}
	return ""
}

// outputPaths lists every output file of the site apart from redirect
// pages and the search shards, each with the site path that produces it.
func outputPaths(s *Site, fsys fs.FS) (map[string]string, error) {
	owners := map[string]string{}
	own := func(sitePath string) {
		out := strings.TrimPrefix(sitePath, "/")
		if strings.HasSuffix(sitePath, "/") {
			out += "index.html"
		}
		if _, ok := owners[out]; !ok {
			owners[out] = sitePath
		}
	}
	// The planner is asked for every page but the redirects: the aliases
	// are set aside while it plans (nothing else runs during load), so
	// that a clash is reported here, at the alias, rather than there.
	aliases := make([][]string, len(s.Docs))
	for i, d := range s.Docs {
		aliases[i], d.Aliases = d.Aliases, nil
	}
	defer func() {
		for i, d := range s.Docs {
			d.Aliases = aliases[i]
		}
	}()
	planner := pages.NewPlanner(s.Model)
	if early, err := planner.Early(); err == nil {
		for _, p := range early {
			own(p.Path)
		}
	}
	// Without the open-data products the data pages are not planned here;
	// their paths are added below from the datasets and themes.
	if rest, err := planner.Rest(pages.Inputs{}); err == nil {
		for _, p := range rest.Pages {
			own(p.Path)
		}
		for _, f := range rest.Files {
			own("/" + f.Path)
		}
	}
	own("/data/")
	for _, sc := range dataset.Schemas {
		own("/data/" + sc.Name + "/")
		for _, f := range opendata.Formats {
			own(opendata.DatasetPath(sc.Name, f))
		}
	}
	if s.DataMeta != nil {
		for _, t := range s.DataMeta.Themes {
			own("/data/theme/" + t.Slug + "/")
		}
	}
	for _, p := range s.Config.Evaluation.Periods {
		for _, f := range opendata.Formats {
			own(opendata.ReleasePath(p.ID, f))
		}
	}
	for _, p := range []string{opendata.CatalogPath, opendata.PODPath, opendata.DataPackagePath, opendata.FeedPath, "/search/manifest.json"} {
		own(p)
	}
	err := fs.WalkDir(fsys, "templates/static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		own("/" + strings.TrimPrefix(p, "templates/"))
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	return owners, nil
}
