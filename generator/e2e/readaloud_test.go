package e2e

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// speechStub replaces the browser's speech synthesis before any page script
// runs, recording what the page asks of it: headless Chromium has no voices,
// so the switch's logic is tested against a recorder with one voice on the
// device and one on the network.
const speechStub = `(() => {
	window.__spoken = []; window.__calls = [];
	const synth = {
		_queue: [],
		getVoices() { return [
			{name: "网络普通话", lang: "zh-CN", localService: false, voiceURI: "remote"},
			{name: "本机普通话", lang: "zh-CN", localService: true, voiceURI: "local"},
			{name: "English", lang: "en-US", localService: true, voiceURI: "en"}]; },
		speak(u) { window.__spoken.push({text: u.text, lang: u.lang, voice: u.voice ? u.voice.name : ""}); this._queue.push(u); },
		pause() { window.__calls.push("pause"); },
		resume() { window.__calls.push("resume"); },
		cancel() { window.__calls.push("cancel"); this._queue = []; },
		addEventListener() {}, removeEventListener() {},
	};
	Object.defineProperty(window, "speechSynthesis", {value: synth, configurable: true});
	window.SpeechSynthesisUtterance = function (text) { this.text = text; this.lang = ""; this.voice = null; };
	// __finish plays the queue to its end.
	window.__finish = () => { const q = synth._queue; synth._queue = []; q.forEach(u => u.onend && u.onend({})); };
})()`

// noSpeech removes speech synthesis, as in browsers without it.
const noSpeech = `(() => {
	Object.defineProperty(window, "speechSynthesis", {value: undefined, configurable: true});
	window.SpeechSynthesisUtterance = undefined;
})()`

func onEveryDocument(script string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: script})
		return err
	})
}

type spoken struct {
	Text, Lang, Voice string
}

// TestReadAloud: on policy, case, news and community pages a remembered,
// keyboard-operable switch reads the main text in zh-CN with a voice on the
// device, pauses, resumes and stops; without speech support it is absent.
func TestReadAloud(t *testing.T) {
	base := servedSample(t)
	ctx, rec := newBrowser(t, 360, 740)
	do(t, ctx, onEveryDocument(speechStub))

	state := func() (pressed, play string, playHidden bool) {
		pressed = run(t, ctx, chromedp.Evaluate[string](`document.getElementById("read-switch").getAttribute("aria-pressed")`))
		play = run(t, ctx, chromedp.Evaluate[string](`document.getElementById("read-play").textContent`))
		playHidden = run(t, ctx, chromedp.Evaluate[bool](`getComputedStyle(document.getElementById("read-play")).display === "none"`))
		return
	}
	do(t, ctx, chromedp.Navigate(base+noticePath), chromedp.WaitVisible(chromedp.CSS(`#read-switch`)))
	if p, _, hidden := state(); p != "false" || !hidden {
		t.Fatalf("fresh page: switch pressed=%s, play hidden=%v; want off with its controls hidden", p, hidden)
	}

	// Keyboard: focus the switch and press Enter.
	do(t, ctx, chromedp.Focus(chromedp.CSS(`#read-switch`)), chromedp.KeyEvent("\r"))
	said := run(t, ctx, chromedp.Evaluate[[]spoken](`window.__spoken`))
	if len(said) < 10 {
		t.Fatalf("switching on spoke %d parts, want the notice in parts", len(said))
	}
	var all strings.Builder
	for _, s := range said {
		if s.Lang != "zh-CN" || s.Voice != "本机普通话" {
			t.Errorf("part %q spoken with lang %q voice %q, want zh-CN with the voice on the device", s.Text, s.Lang, s.Voice)
			break
		}
		if len([]rune(s.Text)) > 121 {
			t.Errorf("part of %d characters; long parts are cut", len([]rune(s.Text)))
		}
		all.WriteString(s.Text)
	}
	text := all.String()
	for _, want := range []string{"关于印发《全省社区物业管理能力提升工作安排》的通知", "（三）小区物业服务全覆盖", "营造共建共治共享的良好氛围"} {
		if !strings.Contains(text, want) {
			t.Errorf("the reading lacks %q", want)
		}
	}
	for _, not := range []string{"索引号", "§", "复制引用"} {
		if strings.Contains(text, not) {
			t.Errorf("the reading includes %q, which is not the main text", not)
		}
	}
	if p, play, _ := state(); p != "true" || play != "暂停" {
		t.Errorf("while speaking: pressed=%s play=%q", p, play)
	}
	do(t, ctx, chromedp.Click(chromedp.CSS(`#read-play`)))
	if _, play, _ := state(); play != "继续" {
		t.Errorf("after 暂停 the button says %q, want 继续", play)
	}
	do(t, ctx, chromedp.Click(chromedp.CSS(`#read-play`)))
	do(t, ctx, chromedp.Click(chromedp.CSS(`#read-stop`)))
	calls := run(t, ctx, chromedp.Evaluate[[]string](`window.__calls`))
	if got := strings.Join(calls, ","); !strings.HasSuffix(got, "pause,resume,cancel") {
		t.Errorf("speech calls = %s, want …pause,resume,cancel", got)
	}
	if _, play, _ := state(); play != "开始" {
		t.Errorf("after 停止 the button says %q, want 开始", play)
	}

	// Remembered like 大字版: on after a reload, waiting for 开始 (browsers
	// speak only on a click), on every page kind that has main text.
	for _, path := range []string{noticePath, "/cases/2022-001/", "/news/2022-12-year-end-review/", "/communities/C000001/"} {
		do(t, ctx, chromedp.Navigate(base+path), chromedp.WaitVisible(chromedp.CSS(`#read-switch`)))
		if p, play, hidden := state(); p != "true" || play != "开始" || hidden {
			t.Errorf("%s: remembered switch pressed=%s play=%q hidden=%v", path, p, play, hidden)
		}
		if n := run(t, ctx, chromedp.Evaluate[int](`window.__spoken.length`)); n != 0 {
			t.Errorf("%s: spoke %d parts before a click", path, n)
		}
	}
	// On the community page 开始 reads its name and facts; the end is announced.
	do(t, ctx, chromedp.Click(chromedp.CSS(`#read-play`)))
	said = run(t, ctx, chromedp.Evaluate[[]spoken](`window.__spoken`))
	name := run(t, ctx, chromedp.Text(chromedp.CSS(`main h1`)))
	if len(said) == 0 || !strings.Contains(said[0].Text, name) {
		t.Errorf("community reading starts with %v, want its name %q", said, name)
	}
	do(t, ctx, chromedp.Evaluate[chromedp.Void](`window.__finish()`))
	if got := run(t, ctx, chromedp.Text(chromedp.CSS(`#read-status`))); got != "朗读完毕。" {
		t.Errorf("after the last part the status says %q", got)
	}
	// Off: remembered, controls hidden.
	do(t, ctx, chromedp.Click(chromedp.CSS(`#read-switch`)), chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(`#read-switch`)))
	if p, _, hidden := state(); p != "false" || !hidden {
		t.Errorf("switched off, after a reload pressed=%s play hidden=%v", p, hidden)
	}
	rec.assertClean(t, base)

	// A browser without speech synthesis shows no switch at all.
	ctx2, rec2 := newBrowser(t, 360, 740)
	do(t, ctx2, onEveryDocument(noSpeech))
	do(t, ctx2, chromedp.Navigate(base+noticePath), chromedp.WaitVisible(chromedp.CSS(`#large-toggle`)))
	if shown := run(t, ctx2, chromedp.Evaluate[bool](`getComputedStyle(document.getElementById("read-aloud")).display !== "none"`)); shown {
		t.Errorf("without speech synthesis the read-aloud controls show")
	}
	rec2.assertClean(t, base)
}
