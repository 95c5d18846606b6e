package totp

import (
	"bytes"
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/mdp/qrterminal/v3"
	"rsc.io/qr"
)

// QRQuietZone is the light margin around the code, in modules. The
// standard asks for 4; 2 is what phone scanners need in practice and
// keeps the code on an 80-column screen more often.
const QRQuietZone = 2

// qrBlock is a QR code drawn with half blocks: each cell is two modules
// stacked, the upper and lower half of the character.
type qrBlock struct {
	lines         []string
	width, height int
}

// qrSize is the size in cells of text's QR code at level lv.
func qrSize(text string, lv qr.Level) (w, h int, err error) {
	code, err := qr.Encode(text, lv)
	if err != nil {
		return 0, 0, err
	}
	return code.Size + 2*QRQuietZone, (code.Size+1)/2 + QRQuietZone, nil
}

// renderQR draws text's QR code with qrterminal's half blocks into a
// string (never to stdout), at level M when it fits in maxW×maxH cells,
// else at level L (smaller, less error correction). fits is false, with
// the size level L needs, when neither fits.
//
// Polarity: a full block "█" is two light modules, a space two dark
// ones: on a dark terminal without colours that is a correct code. With
// inverted, the characters are swapped (a light terminal without
// colours). colored paints the code light-on-dark explicitly (white
// foreground on black), so a scanner reads it on any terminal theme.
func renderQR(text string, maxW, maxH int, inverted, colored bool) (b qrBlock, fits bool, err error) {
	lv := qr.M
	w, h, err := qrSize(text, lv)
	if err != nil {
		return qrBlock{}, false, err
	}
	if w > maxW || h > maxH {
		lv = qr.L
		if w, h, err = qrSize(text, lv); err != nil {
			return qrBlock{}, false, err
		}
		if w > maxW || h > maxH {
			return qrBlock{width: w, height: h}, false, nil
		}
	}
	cfg := qrterminal.Config{
		Level: lv, HalfBlocks: true, QuietZone: QRQuietZone,
		WhiteChar: "█", BlackChar: " ", WhiteBlackChar: "▀", BlackWhiteChar: "▄",
	}
	if inverted {
		cfg.WhiteChar, cfg.BlackChar, cfg.WhiteBlackChar, cfg.BlackWhiteChar = " ", "█", "▄", "▀"
	}
	var buf bytes.Buffer
	cfg.Writer = &buf
	qrterminal.GenerateWithConfig(text, cfg)
	lines := strings.Split(strings.TrimRight(buf.String(), "\n"), "\n")
	if len(lines) != h {
		return qrBlock{}, false, fmt.Errorf("QR code drawn in %d lines, expected %d", len(lines), h)
	}
	if colored {
		st := lipgloss.NewStyle().Foreground(lipgloss.Color("#FFFFFF")).Background(lipgloss.Color("#000000"))
		for i, l := range lines {
			lines[i] = st.Render(l)
		}
	}
	return qrBlock{lines: lines, width: w, height: h}, true, nil
}
