// The self-quiz page's script: flash cards from the embedded question bank, Leitner spaced repetition, marks kept in localStorage, keyboard-operable.
(function () {
  'use strict';

  /*
   * THE RULE, the same as lib/interview/spaced-repetition.ts (the terminal drill); keep the two in step,
   * tests/interview/spaced-repetition.test.ts runs both on the same marks and compares.
   * - Time is counted in cards answered: progress.step goes up by one with every mark.
   * - Five Leitner boxes; a card never marked is new (in no box).
   * - "again": box 1, due GAPS[1] = 2 steps later (back after two other cards).
   * - "known": up one box (a new card counts as box 1, so it lands in box 2; box 5 stays 5), due GAPS[box] steps later.
   * - Next card: the most overdue due card (smallest due, then lower box, then deck order); if none is due, the first
   *   new card in deck order; if there is none, the card that falls due soonest.
   * Progress: { "version": 1, "step": 12, "cards": { "<id>": { "box": 2, "due": 18 } } }, as in the terminal's file.
   */
  var GAPS = { 1: 2, 2: 6, 3: 15, 4: 40, 5: 100 };
  var MAX_BOX = 5;

  function emptyProgress() {
    return { version: 1, step: 0, cards: {} };
  }

  function mark(progress, id, what) {
    if (what !== 'known' && what !== 'again') throw new Error('expected the mark "known" or "again", got ' + what);
    var step = progress.step + 1;
    var before = progress.cards[id] ? progress.cards[id].box : 1;
    var box = what === 'again' ? 1 : Math.min(before + 1, MAX_BOX);
    var cards = {};
    for (var k in progress.cards) if (Object.prototype.hasOwnProperty.call(progress.cards, k)) cards[k] = progress.cards[k];
    cards[id] = { box: box, due: step + GAPS[box] };
    return { version: 1, step: step, cards: cards };
  }

  function nextCard(progress, deck) {
    var dueBest;
    var soonest;
    var better = function (c, other) {
      if (other === undefined) return true;
      var o = progress.cards[other];
      return c.due < o.due || (c.due === o.due && c.box < o.box);
    };
    for (var i = 0; i < deck.length; i++) {
      var c = progress.cards[deck[i]];
      if (!c) continue;
      if (c.due <= progress.step && better(c, dueBest)) dueBest = deck[i];
      if (better(c, soonest)) soonest = deck[i];
    }
    if (dueBest !== undefined) return dueBest;
    for (var j = 0; j < deck.length; j++) if (!progress.cards[deck[j]]) return deck[j];
    return soonest;
  }

  /** Progress from stored JSON, or null when it is not quiz progress. */
  function parseProgress(raw) {
    if (!raw || typeof raw !== 'object' || raw.version !== 1 || typeof raw.step !== 'number' || raw.step < 0 || Math.floor(raw.step) !== raw.step) return null;
    if (!raw.cards || typeof raw.cards !== 'object' || Array.isArray(raw.cards)) return null;
    var cards = {};
    for (var id in raw.cards) {
      if (!Object.prototype.hasOwnProperty.call(raw.cards, id)) continue;
      var c = raw.cards[id];
      if (!c || [1, 2, 3, 4, 5].indexOf(c.box) < 0 || typeof c.due !== 'number' || Math.floor(c.due) !== c.due) return null;
      cards[id] = { box: c.box, due: c.due };
    }
    return { version: 1, step: raw.step, cards: cards };
  }

  // For tests (and the curious): the rule, callable from the console.
  window.mlQuizScheduler = { GAPS: GAPS, emptyProgress: emptyProgress, mark: mark, nextCard: nextCard, parseProgress: parseProgress };

  var dataEl = document.getElementById('quiz-data');
  if (!dataEl) return;

  var data;
  try {
    data = JSON.parse(dataEl.textContent || '');
  } catch (e) {
    return;
  }

  var $ = function (id) { return document.getElementById(id); };
  var ui = {
    card: $('quiz-card'), label: $('quiz-question-label'), info: $('quiz-info'), question: $('quiz-question'),
    answer: $('quiz-answer'), reveal: $('quiz-reveal'), known: $('quiz-known'), again: $('quiz-again'),
    prev: $('quiz-prev'), next: $('quiz-next'), section: $('quiz-section'), difficulty: $('quiz-difficulty'),
    status: $('quiz-status'), stats: $('quiz-stats'), reset: $('quiz-reset'),
  };
  var byId = {};
  var sectionTitle = {};
  data.questions.forEach(function (q) { byId[q.id] = q; });
  data.sections.forEach(function (s) { sectionTitle[s.id] = s.title; });

  var PROGRESS_KEY = data.storageKey;
  var FILTER_KEY = data.storageKey + ':filter';
  // Where the reader is (the cards seen in this run, the current one, whether its answer is showing), so a reload resumes.
  var SESSION_KEY = data.storageKey + ':session';
  var storageOk = true;

  function load(key) {
    try {
      var text = window.localStorage.getItem(key);
      return text ? JSON.parse(text) : null;
    } catch (e) {
      storageOk = false;
      return null;
    }
  }

  function save(key, value) {
    try {
      window.localStorage.setItem(key, JSON.stringify(value));
    } catch (e) {
      storageOk = false;
      say('Your marks cannot be saved in this browser (storage is blocked); they last until you leave the page.');
    }
  }

  var progress = parseProgress(load(PROGRESS_KEY)) || emptyProgress();
  var filter = load(FILTER_KEY) || {};
  if (!sectionTitle[filter.section]) filter.section = '';
  if (data.difficulties.indexOf(filter.difficulty) < 0) filter.difficulty = '';
  ui.section.value = filter.section;
  ui.difficulty.value = filter.difficulty;

  var state = { current: undefined, revealed: false, history: [], pos: -1, skipped: {} };

  function say(text) {
    ui.status.textContent = text;
  }

  function deck() {
    return data.questions.filter(function (q) {
      return (!filter.section || q.section === filter.section) && (!filter.difficulty || q.difficulty === filter.difficulty);
    }).map(function (q) { return q.id; });
  }

  function describeCard(id) {
    var c = progress.cards[id];
    if (!c) return 'new';
    var wait = c.due - progress.step;
    return 'box ' + c.box + (wait <= 0 ? ', due now' : ', due in ' + wait + (wait === 1 ? ' card' : ' cards'));
  }

  function updateStats() {
    var ids = deck();
    var boxes = [0, 0, 0, 0, 0, 0];
    ids.forEach(function (id) { boxes[progress.cards[id] ? progress.cards[id].box : 0] += 1; });
    ui.stats.textContent = 'This selection: ' + ids.length + ' question' + (ids.length === 1 ? '' : 's') + ', ' + boxes[0] + ' new, ' +
      'boxes 1 to 5: ' + boxes.slice(1).join(' / ') + '. Answered so far (all sections): ' + progress.step + '.';
  }

  function renderLinks(q) {
    if (!q.links.length) return null;
    var p = document.createElement('p');
    p.className = 'quiz-links';
    p.appendChild(document.createTextNode('See: '));
    q.links.forEach(function (l, i) {
      if (i > 0) p.appendChild(document.createTextNode(' · '));
      var el;
      if (l.href) {
        el = document.createElement('a');
        el.href = l.href;
      } else {
        el = document.createElement('code');
      }
      el.textContent = l.text;
      p.appendChild(el);
    });
    return p;
  }

  function show(id) {
    var q = byId[id];
    state.current = id;
    state.revealed = false;
    ui.card.setAttribute('data-state', 'question');
    ui.card.setAttribute('data-question-id', id);
    ui.label.textContent = 'Question ' + (state.pos + 1);
    ui.info.textContent = ' · ' + sectionTitle[q.section] + ' · ' + q.difficulty + ' · ' + describeCard(id);
    ui.question.innerHTML = q.question;
    ui.answer.hidden = true;
    ui.answer.textContent = '';
    ui.reveal.disabled = false;
    ui.known.disabled = true;
    ui.again.disabled = true;
    ui.prev.disabled = state.pos <= 0;
    ui.next.disabled = false;
    updateStats();
    saveSession();
  }

  function saveSession() {
    save(SESSION_KEY, { section: filter.section, difficulty: filter.difficulty, history: state.history, pos: state.pos, revealed: state.revealed, skipped: Object.keys(state.skipped) });
  }

  /** Shows the card the reader was on before a reload, with the same counter; false when there is nothing to resume. */
  function resume() {
    var s = load(SESSION_KEY);
    if (!s || s.section !== filter.section || s.difficulty !== filter.difficulty || !Array.isArray(s.history)) return false;
    var ids = deck();
    var valid = s.history.every(function (id) { return typeof id === 'string' && ids.indexOf(id) >= 0; });
    if (!valid || typeof s.pos !== 'number' || s.pos < 0 || s.pos >= s.history.length) return false;
    state.history = s.history.slice();
    state.pos = s.pos;
    state.skipped = {};
    (Array.isArray(s.skipped) ? s.skipped : []).forEach(function (id) { state.skipped[id] = true; });
    show(state.history[state.pos]);
    if (s.revealed) reveal();
    return true;
  }

  function showEmpty() {
    state.current = undefined;
    ui.card.setAttribute('data-state', 'empty');
    ui.card.removeAttribute('data-question-id');
    ui.label.textContent = 'No questions';
    ui.info.textContent = '';
    ui.question.textContent = 'No question matches this section and difficulty.';
    ui.answer.hidden = true;
    [ui.reveal, ui.known, ui.again, ui.prev, ui.next].forEach(function (b) { b.disabled = true; });
    updateStats();
  }

  /** Shows the next card by the rule (skipped cards of this visit are passed over while others remain). */
  function pick() {
    var ids = deck();
    if (ids.length === 0) {
      showEmpty();
      return;
    }
    var open = ids.filter(function (id) { return !state.skipped[id]; });
    if (open.length === 0) {
      state.skipped = {};
      open = ids;
    }
    var id = nextCard(progress, open);
    state.history = state.history.slice(0, state.pos + 1);
    state.history.push(id);
    state.pos = state.history.length - 1;
    show(id);
  }

  function reveal() {
    if (!state.current || state.revealed) return;
    var q = byId[state.current];
    state.revealed = true;
    ui.answer.innerHTML = q.answer;
    var links = renderLinks(q);
    if (links) ui.answer.appendChild(links);
    ui.answer.hidden = false;
    ui.card.setAttribute('data-state', 'answer');
    saveSession();
    ui.reveal.disabled = true;
    say('');
    ui.known.disabled = false;
    ui.again.disabled = false;
    ui.card.focus();
  }

  function markCurrent(what) {
    if (!state.current) return;
    if (!state.revealed) {
      say('Show the answer first (Space or Enter), then mark it.');
      return;
    }
    var id = state.current;
    progress = mark(progress, id, what);
    save(PROGRESS_KEY, progress);
    var c = progress.cards[id];
    say('Marked ' + what + ': box ' + c.box + ', back after ' + GAPS[c.box] + ' other questions.' + (storageOk ? '' : ' (Not saved: storage is blocked.)'));
    delete state.skipped[id];
    pick();
    ui.card.focus();
  }

  function previous() {
    if (state.pos <= 0) return;
    state.pos -= 1;
    show(state.history[state.pos]);
    say('Back to an earlier question.');
  }

  function skip() {
    if (!state.current) return;
    if (state.pos < state.history.length - 1) {
      state.pos += 1;
      show(state.history[state.pos]);
      return;
    }
    state.skipped[state.current] = true;
    say('Skipped; it keeps its place in the order.');
    pick();
  }

  function changeFilter() {
    filter = { section: ui.section.value, difficulty: ui.difficulty.value };
    save(FILTER_KEY, filter);
    state.history = [];
    state.pos = -1;
    state.skipped = {};
    say('');
    pick();
  }

  ui.reveal.addEventListener('click', reveal);
  ui.known.addEventListener('click', function () { markCurrent('known'); });
  ui.again.addEventListener('click', function () { markCurrent('again'); });
  ui.prev.addEventListener('click', previous);
  ui.next.addEventListener('click', skip);
  ui.section.addEventListener('change', changeFilter);
  ui.difficulty.addEventListener('change', changeFilter);
  ui.reset.addEventListener('click', function () {
    if (!window.confirm('Forget every mark on this device? This cannot be undone.')) return;
    progress = emptyProgress();
    save(PROGRESS_KEY, progress);
    state.history = [];
    state.pos = -1;
    state.skipped = {};
    say('All marks forgotten.');
    pick();
  });

  document.addEventListener('keydown', function (e) {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
    var t = e.target;
    var tag = t && t.tagName ? t.tagName.toLowerCase() : '';
    // Menus and text fields keep their own keys; buttons, links and summaries keep Space and Enter.
    if (tag === 'select' || tag === 'input' || tag === 'textarea' || (t && t.isContentEditable)) return;
    var control = tag === 'button' || tag === 'a' || tag === 'summary';
    var key = e.key;
    if ((key === ' ' || key === 'Spacebar' || key === 'Enter') && !control) {
      if (state.current && !state.revealed) {
        e.preventDefault();
        reveal();
      }
    } else if (key === 'k' || key === 'K') {
      e.preventDefault();
      markCurrent('known');
    } else if (key === 'a' || key === 'A') {
      e.preventDefault();
      markCurrent('again');
    } else if (key === 'ArrowRight') {
      e.preventDefault();
      skip();
    } else if (key === 'ArrowLeft') {
      e.preventDefault();
      previous();
    }
  });

  if (!storageOk) say('Your marks cannot be saved in this browser (storage is blocked); they last until you leave the page.');
  if (!resume()) pick();
})();
