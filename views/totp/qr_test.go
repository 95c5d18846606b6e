package totp

import (
	"image"
	"image/color"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"

	"github.com/twilio-verify/twilio-verify/keyring"
	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
	"github.com/twilio-verify/twilio-verify/ui/common/viewtest"
)

// goldenSecret is RFC 6238's test key in Base32: a made-up secret.
const goldenSecret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"

// testURIs are binding URIs of several lengths, as Verify builds them.
var testURIs = map[string]string{
	"short":   "otpauth://totp/A:b?secret=" + goldenSecret,
	"typical": "otpauth://totp/Sandbox%20Demo:Alice%27s%20phone?secret=" + goldenSecret + "&issuer=Sandbox+Demo&algorithm=SHA1&digits=6&period=30",
	"long": "otpauth://totp/" + strings.Repeat("Example%20Corporation%20", 3) + ":" + strings.Repeat("Jo%C3%A3o%E2%80%99s%20", 4) +
		"?secret=" + goldenSecret + goldenSecret + "&issuer=" + strings.Repeat("Example+Corporation+", 3) + "&algorithm=SHA512&digits=8&period=60",
}

// scale is how many image pixels one QR module becomes.
const scale = 4

// terminalImage paints QR lines as a terminal shows them: each cell is
// two modules stacked (upper and lower half); the character's ink is fg,
// the rest bg, and the terminal around the code is bg too (a margin of
// 3 cells).
func terminalImage(lines []string, fg, bg color.Gray) image.Image {
	const margin = 3
	w := 0
	for _, l := range lines {
		w = max(w, len([]rune(l)))
	}
	img := image.NewGray(image.Rect(0, 0, (w+2*margin)*scale, (len(lines)+2*margin)*2*scale))
	for i := range img.Pix {
		img.Pix[i] = bg.Y
	}
	paint := func(x, y int, c color.Gray) {
		for dy := 0; dy < scale; dy++ {
			for dx := 0; dx < scale; dx++ {
				img.SetGray((x+margin)*scale+dx, (y+2*margin)*scale+dy, c)
			}
		}
	}
	for row, l := range lines {
		for x, r := range []rune(l) {
			top, bottom := bg, bg
			switch r {
			case '█':
				top, bottom = fg, fg
			case '▀':
				top = fg
			case '▄':
				bottom = fg
			}
			paint(x, 2*row, top)
			paint(x, 2*row+1, bottom)
		}
	}
	return img
}

// decode reads a QR code from img with gozxing.
func decode(t *testing.T, img image.Image) string {
	t.Helper()
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatal(err)
	}
	res, err := qrcode.NewQRCodeReader().Decode(bmp, map[gozxing.DecodeHintType]interface{}{gozxing.DecodeHintType_TRY_HARDER: true})
	if err != nil {
		return "decode failed: " + err.Error()
	}
	return res.GetText()
}

var (
	light = color.Gray{Y: 0xF0}
	dark  = color.Gray{Y: 0x10}
)

// TestQRDecodesToTheBindingURI renders the enrolment screen's QR code for
// URIs of several lengths and decodes it back with gozxing: the normal
// code as a dark terminal shows it (light ink), the inverted one as a
// light terminal does (dark ink). Both must give the exact URI.
func TestQRDecodesToTheBindingURI(t *testing.T) {
	for name, uri := range testURIs {
		for _, inverted := range []bool{false, true} {
			m := enrolModel(uri, 160, 60, common.DarkTheme())
			if inverted {
				m, _ = m.update(viewtest.Key("i"))
			}
			e := m.enrol
			if !e.fits || e.layout == layoutNoQR {
				t.Fatalf("%s: no QR code at 160×60", name)
			}
			if !strings.Contains(m.View(), e.qr.lines[len(e.qr.lines)/2]) {
				t.Fatalf("%s: the screen does not show the drawn QR code", name)
			}
			lines := make([]string, len(e.qr.lines))
			for i, l := range e.qr.lines {
				lines[i] = ansi.Strip(l)
			}
			ink, paper := light, dark
			if inverted {
				ink, paper = dark, light
			}
			if got := decode(t, terminalImage(lines, ink, paper)); got != uri {
				t.Errorf("%s inverted=%v: decoded %q, want %q", name, inverted, got, uri)
			}
			// The other polarity on the same terminal is a negative: the
			// point of the invert key.
			if got := decode(t, terminalImage(lines, paper, ink)); got == uri {
				t.Logf("%s inverted=%v: the negative decodes too (scanner tolerant)", name, inverted)
			}
		}
	}
}

// TestQRColoursAreExplicit: in a coloured theme every QR line is painted
// white on black, so the terminal's own colours do not matter.
func TestQRColoursAreExplicit(t *testing.T) {
	m := enrolModel(testURIs["typical"], 160, 60, common.LightTheme())
	for _, l := range m.enrol.qr.lines {
		if !strings.Contains(l, "38;2;255;255;255") || !strings.Contains(l, "48;2;0;0;0") {
			t.Fatalf("QR line without explicit colours: %q", l)
		}
	}
}

// enrolModel is the view showing the enrolment screen of a factor with
// binding URI uri, at w×h in theme th.
func enrolModel(uri string, w, h int, th common.Theme) Model {
	c := viewtest.Common(nil, func(c *common.Common) {
		c.Styles = common.NewStyles(th)
		c.TOTPKeeper = keyring.NewTOTPKeeper(keyring.NewMemory())
	})
	c.Keys.Define(keyDefs()...)
	m := New(c).setSize(w, h)
	m.service = twilioapi.Service{SID: goldenService, FriendlyName: "Sandbox Demo"}
	f := twilioapi.Factor{SID: goldenFactor, EntitySID: goldenEntity, ServiceSID: goldenService, Identity: alice,
		Type: twilioapi.FactorTOTP, Status: twilioapi.FactorUnverified, FriendlyName: "Alice's phone",
		TOTP: twilioapi.TOTPConfig{Algorithm: "sha1", TimeStep: 30, CodeLength: 6, Skew: 1}, DateCreated: t0}
	m.screen, m.enrol = screenEnrol, newEnrolment(f, twilioapi.FactorBinding{Secret: goldenSecret, URI: uri}, false)
	m.enrol.render(c.Styles, w, h)
	m.addFactor(f)
	return m
}

// Fixed SIDs for golden files (the sandbox's are random).
const (
	goldenService = "VA0123456789abcdef0123456789abcd01"
	goldenEntity  = "YE0123456789abcdef0123456789abcd02"
	goldenFactor  = "YF0123456789abcdef0123456789abcd03"
)
