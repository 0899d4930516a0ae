package dataset

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// Encoding names accepted in site.yaml's encodings map (case-insensitive).
const (
	EncodingUTF8    = "utf-8"
	EncodingGB18030 = "gb18030"
)

// canonicalEncoding maps a configured name to EncodingUTF8, EncodingGB18030 or "" (detect).
// GBK is a subset of GB18030, so one decoder serves both.
func canonicalEncoding(name string) string {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "utf-8", "utf8":
		return EncodingUTF8
	case "gb18030", "gbk", "gb2312":
		return EncodingGB18030
	}
	return ""
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// decodeError says where a file stops being decodable.
type decodeError struct {
	encoding string // the encoding tried: EncodingUTF8 or EncodingGB18030
	forced   bool   // chosen by site.yaml rather than detected
	offset   int    // 0-based byte offset of the first undecodable byte
	b        byte   // that byte
	line     int    // 1-based line of that byte (newline is 0x0A in both encodings)
}

func (e *decodeError) message() string {
	name := "UTF-8 编码"
	if e.encoding == EncodingGB18030 {
		name = "GB18030（GBK）编码"
	}
	how := "自动识别为 " + name
	if e.forced {
		how = "站点配置 encodings 指定为 " + name
	}
	return fmt.Sprintf("文件无法解码（%s）：字节偏移量 %d 处的字节 0x%02X 无效；请在 Excel 或 WPS 中将文件另存为“CSV UTF-8（逗号分隔）”格式",
		how, e.offset, e.b)
}

// decode returns the text of a CSV file as UTF-8 without a byte-order mark.
// The text may share b's memory: b must not be changed afterwards.
// forced is EncodingUTF8, EncodingGB18030 or "" to detect: valid UTF-8 (with
// or without BOM) is UTF-8; otherwise GB18030, the
// encoding Excel and WPS use on Chinese Windows, when the whole file decodes.
func decode(b []byte, forced string) (string, *decodeError) {
	enc := forced
	valid := false // b is known to be valid UTF-8
	if enc == "" {
		if bytes.HasPrefix(b, utf8BOM) {
			enc = EncodingUTF8
		} else if utf8.Valid(b) {
			enc, valid = EncodingUTF8, true
		} else {
			// Neither check is conclusive alone (many GBK pairs are also valid
			// UTF-8), so the encoding under which the file stays valid longer
			// wins, and its error is the one reported.
			text, bad := decodeGB18030(b)
			if bad < 0 {
				return strings.TrimPrefix(text, "\uFEFF"), nil
			}
			if invalidUTF8(b) >= bad {
				enc = EncodingUTF8
			} else {
				enc = EncodingGB18030
			}
		}
	}
	var text string
	bad, skip := -1, 0
	if enc == EncodingUTF8 {
		if bytes.HasPrefix(b, utf8BOM) {
			skip = len(utf8BOM)
		}
		if valid || utf8.Valid(b[skip:]) { // much faster than invalidUTF8 on valid text
			// The text shares b's bytes rather than copying them: b is the
			// file as read, owned by the caller and never written again,
			// and a copy would double a large file's footprint.
			if len(b) > skip {
				text = unsafe.String(&b[skip], len(b)-skip)
			}
		} else {
			bad = invalidUTF8(b[skip:])
		}
	} else {
		text, bad = decodeGB18030(b)
	}
	if bad >= 0 {
		off := bad + skip // offsets count from the start of the file as stored
		return "", &decodeError{encoding: enc, forced: forced != "", offset: off, b: b[off],
			line: bytes.Count(b[:off], []byte{'\n'}) + 1}
	}
	return strings.TrimPrefix(text, "\uFEFF"), nil
}

// invalidUTF8 returns the offset of the first byte that is not valid UTF-8, or -1.
func invalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return -1
}

// decodeGB18030 decodes b, returning the offset of the first undecodable
// sequence or -1. The x/text decoder replaces bad input with U+FFFD instead of
// failing, so a U+FFFD in its output sends us to locate the culprit sequence
// by sequence (only on that rare path, to keep the common one fast).
func decodeGB18030(b []byte) (string, int) {
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(b)
	if err == nil && !bytes.ContainsRune(out, utf8.RuneError) {
		return string(out), -1
	}
	if bad := invalidGB18030(b); bad >= 0 {
		return "", bad
	}
	// The file really contains an encoded U+FFFD.
	return string(out), -1
}

// invalidGB18030 walks GB18030's one-, two- and four-byte sequences and
// returns the offset of the first one that is malformed or maps to nothing.
func invalidGB18030(b []byte) int {
	dec := simplifiedchinese.GB18030.NewDecoder()
	for i := 0; i < len(b); {
		c := b[i]
		if c < 0x80 {
			i++
			continue
		}
		n := 0
		switch {
		case c == 0x80 || c == 0xFF:
		case i+1 < len(b) && (b[i+1] >= 0x40 && b[i+1] <= 0x7E || b[i+1] >= 0x80 && b[i+1] <= 0xFE):
			n = 2
		case i+3 < len(b) && b[i+1] >= 0x30 && b[i+1] <= 0x39 &&
			b[i+2] >= 0x81 && b[i+2] <= 0xFE && b[i+3] >= 0x30 && b[i+3] <= 0x39:
			n = 4
		}
		if n == 0 {
			return i
		}
		out, err := dec.Bytes(b[i : i+n])
		if err != nil || (bytes.ContainsRune(out, utf8.RuneError) && !bytes.Equal(b[i:i+n], []byte{0x84, 0x31, 0xA4, 0x37})) {
			return i
		}
		i += n
	}
	return -1
}

// utf16Encoding names the encoding of a UTF-16 file ("UTF-16LE" or
// "UTF-16BE"), by its byte-order mark or, without one, by the zero bytes
// that ASCII text leaves at every other position; "" for anything else.
// Decoded as UTF-8 or GB18030 it would be reported as garbage.
func utf16Encoding(b []byte) string {
	switch {
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		return "UTF-16LE"
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		return "UTF-16BE"
	}
	n := min(len(b), 512) &^ 1
	if n < 8 {
		return ""
	}
	even, odd := 0, 0
	for i := 0; i < n; i += 2 {
		if b[i] == 0 {
			even++
		}
		if b[i+1] == 0 {
			odd++
		}
	}
	switch {
	case odd*4 > n && even == 0: // ASCII low byte first
		return "UTF-16LE"
	case even*4 > n && odd == 0:
		return "UTF-16BE"
	}
	return ""
}

// crOnlyToLF turns the line ends of a file that uses carriage returns
// alone (the "CSV (Macintosh)" format of older Excel) into newlines, so it
// reads as the rows it holds rather than as one long header line.
func crOnlyToLF(b []byte) []byte {
	if bytes.IndexByte(b, '\n') >= 0 || bytes.IndexByte(b, '\r') < 0 {
		return b
	}
	return bytes.ReplaceAll(b, []byte{'\r'}, []byte{'\n'})
}
