package publish

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"path"
	"runtime"

	"github.com/klauspost/compress/gzip"
)

// Precompression: web servers that find page.html.gz beside page.html send
// it as is to browsers that accept gzip (nginx gzip_static, Apache
// MultiViews, Caddy precompressed), so the server compresses nothing per
// request and the bytes are compressed once, harder than on the fly.
//
// The copies are ordinary files of the build: they are in the manifest,
// hard-linked from the live tree when unchanged and deleted when their file
// goes. A file whose bytes the target or live tree already holds reuses the
// copy recorded there without compressing again, so a rebuild compresses
// only what changed. Compression runs in the writer that writes the file,
// so it is spread over the same workers as the rendering.

// gzipExts are the text formats worth compressing; images, XLSX (a zip) and
// the search shards (already dense) are not.
var gzipExts = map[string]bool{
	".html": true, ".css": true, ".js": true, ".json": true, ".csv": true,
	".xml": true, ".svg": true, ".txt": true,
}

// DefaultGzipMin is the size from which a file gets a gzip copy. Smaller
// files (the ten-odd-kilobyte community and company pages, nine tenths of a
// province build) are compressed by the server as it sends them
// (deploy/nginx: gzip on, level 1, microseconds a response), because
// compressing 25,000 of them at build time cost more CPU than the rest of the
// build together; the larger release and region pages, stylesheets, scripts
// and downloads are compressed once here at the best level for the speed.
const DefaultGzipMin = 16 << 10

// Precompress asks for a gzip copy of every text file of at least min bytes.
func (tx *Tx) Precompress(min int) { tx.gzipMin = min }

// Compressible reports whether a file of the build gets a gzip copy.
func Compressible(rel string, size, min int) bool {
	return min > 0 && size >= min && gzipExts[path.Ext(rel)]
}

// gzipCopy is the pending copy of one file.
type gzipCopy struct {
	rel   string
	known Entry  // the copy's entry when a tree holds it for the same source bytes
	data  []byte // the source, compressed only when the copy has to be written
}

// gzipFor says which copy rel needs; call it before rel is recorded.
func (tx *Tx) gzipFor(rel string, e Entry, data []byte) *gzipCopy {
	if tx.dry || !Compressible(rel, len(data), tx.gzipMin) {
		return nil
	}
	c := &gzipCopy{rel: rel + ".gz", data: data}
	tx.mu.Lock()
	defer tx.mu.Unlock()
	if have, ok := tx.man[c.rel]; ok && tx.man[rel] == e {
		c.known = have
	} else if live, ok := tx.liveMan[c.rel]; ok && tx.liveMan[rel] == e {
		c.known = live
	}
	return c
}

func (c *gzipCopy) write(tx *Tx) error {
	if c == nil {
		return nil
	}
	if c.known.Hash != "" {
		return tx.put(c.rel, c.known, func() []byte { return Gzip(c.data) })
	}
	z := Gzip(c.data)
	sum := sha256.Sum256(z)
	return tx.put(c.rel, Entry{Size: int64(len(z)), Hash: hex.EncodeToString(sum[:])}, func() []byte { return z })
}

// gzipWriters keeps one compressor per core for the whole run: a
// compressor's tables take most of a megabyte to set up, and a sync.Pool
// would lose them at every collection, which a build runs often.
var gzipWriters = make(chan *gzip.Writer, runtime.GOMAXPROCS(0))

func getGzip() *gzip.Writer {
	select {
	case w := <-gzipWriters:
		return w
	default:
		w, _ := gzip.NewWriterLevel(nil, gzipLevel)
		return w
	}
}

func putGzip(w *gzip.Writer) {
	select {
	case gzipWriters <- w:
	default:
	}
}

// gzipLevel: the fastest level. On the sample's pages it gives copies 35% of
// the original size against 32% at the default level, for two thirds of the
// CPU; a province build compresses a few hundred megabytes, and its time is
// held against the I/O floor.
const gzipLevel = gzip.BestSpeed

// Gzip compresses data reproducibly: the header carries no file name and no
// modification time, so equal bytes give equal copies on every machine.
func Gzip(data []byte) []byte {
	var b bytes.Buffer
	b.Grow(len(data)/3 + 64)
	w := getGzip()
	w.Reset(&b) // Reset clears the header: no name, zero mtime
	_, _ = w.Write(data)
	_ = w.Close()
	putGzip(w)
	return b.Bytes()
}
