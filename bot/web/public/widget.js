/*
 * DIBS Helpdesk chat widget.
 *
 * Embed on any page (replace the address with the bot's):
 *   <link rel="stylesheet" href="https://bot.example.dk/widget.css">
 *   <script src="https://bot.example.dk/widget.js" defer></script>
 *
 * A floating button opens Microsoft Web Chat (botframework-webchat, loaded from the bot's own
 * /webchat/webchat.js on first open). The widget asks the bot's server for a short-lived Direct Line
 * token (POST /api/directline/token; the secret never leaves the server) and connects to the Direct
 * Line the answer names: Azure's in production, the bot's local development endpoint otherwise.
 * Danish by default; English when the browser's language is English (or data-locale="en-US").
 */
(function () {
  'use strict';
  if (window.dibsChatWidget) return;

  var script = document.currentScript;
  var base = new URL('./', (script && script.src) || location.href);
  var requested = (script && script.getAttribute('data-locale')) || navigator.language || 'da';
  var english = String(requested).toLowerCase().indexOf('en') === 0;
  var locale = english ? 'en-US' : 'da-DK';
  var t = english
    ? {
        launcher: 'Chat with us',
        open: 'Open the chat with DIBS Support',
        close: 'Close the chat',
        title: 'DIBS Support',
        subtitle: 'Answers right away, in Danish or English',
        loading: 'Starting the chat…',
        failed: 'The chat could not be started. Please try again in a moment.',
        retry: 'Try again',
      }
    : {
        launcher: 'Chat med os',
        open: 'Åbn chatten med DIBS Support',
        close: 'Luk chatten',
        title: 'DIBS Support',
        subtitle: 'Svar med det samme, på dansk eller engelsk',
        loading: 'Starter chatten …',
        failed: 'Chatten kunne ikke startes. Prøv igen om lidt.',
        retry: 'Prøv igen',
      };

  var palette = { navy: '#0a2240', blue: '#0b5fd8', line: '#dfe5ee', background: '#f6f8fb' };
  var styleOptions = {
    accent: palette.blue,
    backgroundColor: palette.background,
    primaryFont: '"Segoe UI", "Helvetica Neue", Arial, sans-serif',
    bubbleBackground: '#ffffff',
    bubbleBorderColor: palette.line,
    bubbleBorderWidth: 1,
    bubbleBorderRadius: 10,
    bubbleFromUserBackground: palette.navy,
    bubbleFromUserTextColor: '#ffffff',
    bubbleFromUserBorderRadius: 10,
    bubbleMaxWidth: 600,
    botAvatarImage: new URL('favicon.svg', base).href,
    botAvatarInitials: 'DIBS',
    avatarSize: 32,
    suggestedActionLayout: 'flow',
    suggestedActionBorderRadius: 16,
    suggestedActionBorderColor: palette.blue,
    suggestedActionTextColor: palette.blue,
    sendBoxButtonColor: palette.blue,
    // The e-mail change asks for a company document: PDF, PNG or JPEG, one file, sent when picked.
    hideUploadButton: false,
    uploadAccept: 'application/pdf,image/png,image/jpeg,.pdf,.png,.jpg,.jpeg',
    uploadMultiple: false,
    sendAttachmentOn: 'attach',
    rootHeight: '100%',
    rootWidth: '100%',
  };

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    if (text) node.textContent = text;
    return node;
  }

  function chatIcon() {
    var ns = 'http://www.w3.org/2000/svg';
    var svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    var path = document.createElementNS(ns, 'path');
    path.setAttribute('fill', 'currentColor');
    path.setAttribute('d', 'M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm3 6.5a1.5 1.5 0 1 0 0 .01zm5 0a1.5 1.5 0 1 0 0 .01zm5 0a1.5 1.5 0 1 0 0 .01z');
    svg.appendChild(path);
    return svg;
  }

  var launcher = element('button', { type: 'button', class: 'dibs-chat-launcher', 'aria-expanded': 'false', 'aria-controls': 'dibs-chat-panel', title: t.open });
  launcher.appendChild(chatIcon());
  launcher.appendChild(element('span', { class: 'dibs-chat-launcher-label' }, t.launcher));

  var panel = element('section', { id: 'dibs-chat-panel', class: 'dibs-chat-panel', role: 'dialog', 'aria-label': t.title, lang: locale });
  panel.hidden = true;
  var header = element('header', { class: 'dibs-chat-header' });
  header.appendChild(element('img', { src: new URL('favicon.svg', base).href, alt: '' }));
  var heading = element('div', { class: 'dibs-chat-heading' });
  heading.appendChild(element('strong', { class: 'dibs-chat-title' }, t.title));
  heading.appendChild(element('span', { class: 'dibs-chat-subtitle' }, t.subtitle));
  header.appendChild(heading);
  var closeButton = element('button', { type: 'button', class: 'dibs-chat-close', 'aria-label': t.close, title: t.close }, '×');
  header.appendChild(closeButton);
  var status = element('div', { class: 'dibs-chat-status', role: 'status', 'aria-live': 'polite' });
  var host = element('div', { class: 'dibs-chat-webchat' });
  panel.appendChild(header);
  panel.appendChild(status);
  panel.appendChild(host);

  var started = false;

  function showStatus(text, isError) {
    status.textContent = text || '';
    status.classList.toggle('dibs-chat-error', Boolean(isError));
  }

  var webChatLoading = null;
  /** Loads Web Chat once (on the first hover, focus or click of the button). */
  function loadWebChat() {
    if (window.WebChat) return Promise.resolve(window.WebChat);
    if (webChatLoading) return webChatLoading;
    webChatLoading = new Promise(function (resolve, reject) {
      var tag = element('script', { src: new URL('webchat/webchat.js', base).href, async: '' });
      tag.onload = function () {
        if (window.WebChat) resolve(window.WebChat);
        else reject(new Error('Web Chat did not load'));
      };
      tag.onerror = function () {
        tag.remove();
        reject(new Error('Web Chat could not be loaded'));
      };
      document.head.appendChild(tag);
    });
    webChatLoading.catch(function () {
      webChatLoading = null;
    });
    return webChatLoading;
  }

  function fetchToken() {
    return fetch(new URL('api/directline/token', base).href, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ locale: locale }),
      credentials: 'omit',
      cache: 'no-store',
    }).then(function (response) {
      if (!response.ok) throw new Error('Token request failed: ' + response.status);
      return response.json();
    });
  }

  function start() {
    started = true;
    showStatus(t.loading, false);
    Promise.all([loadWebChat(), fetchToken()])
      .then(function (results) {
        var WebChat = results[0];
        var ticket = results[1];
        var directLine = WebChat.createDirectLine({
          token: ticket.token,
          domain: new URL(ticket.domain, base).href.replace(/\/$/, ''),
          webSocket: ticket.webSocket !== false,
          // Without a WebSocket (the local development endpoint) Web Chat polls; twice a second keeps it snappy.
          pollingInterval: ticket.webSocket === false ? 500 : undefined,
          conversationStartProperties: { locale: locale },
        });
        WebChat.renderWebChat({ directLine: directLine, locale: locale, styleOptions: styleOptions, sendTypingIndicator: false }, host);
        showStatus('', false);
        focusSendBox();
      })
      .catch(function (error) {
        started = false;
        showStatus(t.failed, true);
        var retry = element('button', { type: 'button', class: 'dibs-chat-retry' }, t.retry);
        retry.addEventListener('click', start);
        status.appendChild(document.createTextNode(' '));
        status.appendChild(retry);
        if (window.console) console.warn('DIBS chat:', error && error.message);
      });
  }

  function focusSendBox() {
    var tries = 0;
    (function attempt() {
      var input = host.querySelector('[data-id="webchat-sendbox-input"]');
      if (input) input.focus();
      else if (++tries < 40) setTimeout(attempt, 100);
    })();
  }

  function open() {
    panel.hidden = false;
    launcher.setAttribute('aria-expanded', 'true');
    launcher.classList.add('dibs-chat-open');
    launcher.title = t.close;
    if (!started) start();
    else focusSendBox();
  }

  function close() {
    panel.hidden = true;
    launcher.setAttribute('aria-expanded', 'false');
    launcher.classList.remove('dibs-chat-open');
    launcher.title = t.open;
    launcher.focus();
  }

  launcher.addEventListener('click', function () {
    if (panel.hidden) open();
    else close();
  });
  closeButton.addEventListener('click', close);
  function prefetch() {
    loadWebChat().catch(function () {
      /* reported when the chat is opened */
    });
  }
  launcher.addEventListener('pointerenter', prefetch, { once: true });
  launcher.addEventListener('focus', prefetch, { once: true });
  panel.addEventListener('keydown', function (event) {
    if (event.key === 'Escape') close();
  });

  function mount() {
    document.body.appendChild(panel);
    document.body.appendChild(launcher);
  }
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);

  window.dibsChatWidget = { open: open, close: close, locale: locale };
})();
