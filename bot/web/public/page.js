/*
 * The demo page's own texts (Danish, or English when the browser's language is English) and the
 * embed snippet with this server's address. Not part of the widget: merchants only need widget.js.
 */
(function () {
  'use strict';

  var texts = {
    da: {
      title: 'DIBS Kundeservice – chat med os',
      navSolutions: 'Løsninger',
      navPrices: 'Priser',
      navSupport: 'Kundeservice',
      navLogin: 'Log ind',
      eyebrow: 'Kundeservice for forretninger',
      heroTitle: 'Hjælp til din DIBS-løsning – med det samme',
      heroText:
        'Spørg vores chat om login, indløsere og transaktioner, på dansk eller engelsk. Den kan også låse din konto op, tjekke status på en betaling og oprette en sag om ny login-e-mail.',
      heroHint: 'Klik på chat-knappen nederst til højre for at komme i gang.',
      topicsTitle: 'Det kan chatten hjælpe med',
      topicLoginTitle: 'Kodeord og login',
      topicLoginText: 'Krav til password, glemt password og låst konto – chatten kan låse kontoen op, når du har bekræftet, at det er dig.',
      topicAcquirersTitle: 'Indløsere',
      topicAcquirersText: 'Indløsningsaftaler, Nets, kortbetalinger og udbetalinger.',
      topicTransactionsTitle: 'Transaktioner og betalinger',
      topicTransactionsText: 'Hvorfor en betaling er afvist, mistænkelig eller ikke hævet – og status på en bestemt ordre.',
      topicContactTitle: 'Kontakt',
      topicContactText: 'Åbningstider, telefon og tilbud om at blive ringet op af supporten.',
      embedTitle: 'Sådan indlejrer du chatten på dit website',
      embedText:
        "Indsæt disse to linjer i din sides <head>. De giver en chat-knap nederst til højre, som åbner Microsoft Web Chat forbundet til DIBS' support-bot.",
      embedNote: 'Chatten følger browserens sprog (dansk, eller engelsk når browseren er engelsk). Tilføj data-locale="en-US" på script-tagget for at vælge selv.',
      footer: 'DIBS Payment Services · demo af kundeservice-chatten',
    },
    en: {
      title: 'DIBS Customer Service – chat with us',
      navSolutions: 'Solutions',
      navPrices: 'Pricing',
      navSupport: 'Customer service',
      navLogin: 'Log in',
      eyebrow: 'Customer service for merchants',
      heroTitle: 'Help with your DIBS solution – right away',
      heroText:
        'Ask our chat about login, acquirers and transactions, in Danish or English. It can also unlock your account, check the status of a payment and open a case for a new login e-mail.',
      heroHint: 'Click the chat button in the bottom right corner to get started.',
      topicsTitle: 'What the chat can help with',
      topicLoginTitle: 'Password and login',
      topicLoginText: 'Password rules, forgotten passwords and locked accounts – the chat can unlock the account once you have confirmed it is you.',
      topicAcquirersTitle: 'Acquirers',
      topicAcquirersText: 'Acquiring agreements, Nets, card payments and payouts.',
      topicTransactionsTitle: 'Transactions and payments',
      topicTransactionsText: 'Why a payment was declined, flagged as suspicious or not captured – and the status of a specific order.',
      topicContactTitle: 'Contact',
      topicContactText: 'Opening hours, phone number and a callback from support.',
      embedTitle: 'How to embed the chat on your website',
      embedText: "Paste these two lines into your page's <head>. They add a chat button in the bottom right corner that opens Microsoft Web Chat connected to DIBS' support bot.",
      embedNote: 'The chat follows the browser\'s language (Danish, or English when the browser is English). Add data-locale="en-US" to the script tag to choose yourself.',
      footer: 'DIBS Payment Services · customer service chat demo',
    },
  };

  var language = String(navigator.language || 'da').toLowerCase().indexOf('en') === 0 ? 'en' : 'da';
  var t = texts[language];
  document.documentElement.lang = language;
  document.title = t.title;
  var nodes = document.querySelectorAll('[data-i18n]');
  for (var i = 0; i < nodes.length; i++) {
    var key = nodes[i].getAttribute('data-i18n');
    if (key && Object.prototype.hasOwnProperty.call(t, key)) nodes[i].textContent = t[key];
  }

  var snippet = document.getElementById('embed-snippet');
  if (snippet) {
    var origin = location.origin;
    snippet.textContent = '<link rel="stylesheet" href="' + origin + '/widget.css">\n<script src="' + origin + '/widget.js" defer></script>';
  }
})();
