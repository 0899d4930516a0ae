package opendata

import (
	"io"

	"github.com/klauspost/compress/flate"
)

// scratch is one writer goroutine's buffers, kept for the whole build.
//
// At national scale a download is up to 100 MB. Built in a fresh buffer,
// each file would cost a series of ever larger copies and as much garbage;
// a sync.Pool does not help there, as it drops its buffers at every
// collection and a big build collects often. A worker's own buffers survive
// collections: after its first large file they need no growing, and the
// build holds two of each (one per worker) at most.
type scratch struct {
	// out is the file being made; for a workbook, its worksheet XML (the
	// largest text a table makes, which must be whole before it is
	// compressed as its head holds the column widths the rows decide).
	out []byte
	zip []byte        // a workbook
	fw  *flate.Writer // reused: a compressor carries about a megabyte of tables
}

// file makes a table's file of a format in sc.out and returns it; it is
// valid until the next call.
func (sc *scratch) file(t *table, kind string, props XLSXProps) ([]byte, error) {
	var err error
	switch kind {
	case "csv":
		sc.out = t.appendCSV(sc.out[:0], false)
	case "excel-csv":
		sc.out = t.appendCSV(sc.out[:0], true)
	case "json":
		sc.out = t.appendJSON(sc.out[:0])
	case "xlsx":
		sc.zip, err = sc.appendXLSX(sc.zip[:0], t, props)
		return sc.zip, err
	}
	return sc.out, err
}

// deflate is the workbooks' compressor (zip.Compressor), at flate.BestSpeed.
// Measured at province scale: the eight workbooks are 7.8 MB instead of
// 5.7 MB at the default level, which would double the open-data phase's
// CPU (about 0.6 s more).
func (sc *scratch) deflate(w io.Writer) (io.WriteCloser, error) {
	if sc.fw != nil {
		sc.fw.Reset(w)
		return sc.fw, nil
	}
	fw, err := flate.NewWriter(w, flate.BestSpeed)
	if err != nil {
		return nil, err
	}
	sc.fw = fw
	return fw, nil
}
