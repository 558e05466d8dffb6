// The troubleshooter of a flow's page (partials/troubleshooter.mustache)
// with JavaScript on: records the answers given, keeps them visible above
// the current step, and puts them in the body of a mailto: "contact
// support" link. Without it the page works the same with plain links, one
// step at a time, and the message names only the flow.
(function () {
  'use strict';
  var box = document.querySelector('.troubleshooter');
  if (!box) {
    return;
  }
  var title = document.getElementById('article-title');
  var path = [];
  var label = document.createElement('p');
  label.className = 'flow-path-label';
  label.textContent = box.getAttribute('data-answered') || '';
  var list = document.createElement('ol');
  list.className = 'flow-path';
  var intro = box.querySelector('.flow-intro');
  box.insertBefore(list, intro ? intro.nextSibling : null);
  box.insertBefore(label, list);

  function text(node) {
    return node ? node.textContent.replace(/\s+/g, ' ').trim() : '';
  }

  function show() {
    list.textContent = '';
    label.hidden = list.hidden = path.length === 0;
    var lines = [text(title), ''];
    path.forEach(function (item) {
      var li = document.createElement('li');
      li.textContent = item.question + ' — ' + item.answer;
      list.appendChild(li);
      lines.push(item.question + ' — ' + item.answer);
    });
    var contact = box.querySelector('a.flow-contact');
    if (!contact) {
      return;
    }
    var href = contact.getAttribute('href');
    var at = href.indexOf('&body=');
    if (href.indexOf('mailto:') !== 0 || at < 0) {
      return;
    }
    contact.setAttribute('href', href.slice(0, at) + '&body=' + encodeURIComponent(lines.join('\n')));
  }

  // Going back to a step (the browser's back button, "start again", a
  // loop) forgets the answers given from it on.
  function forgetFrom(id) {
    for (var i = 0; i < path.length; ++i) {
      if (path[i].id === id) {
        path.length = i;
        return;
      }
    }
    var first = box.querySelector('.flow-first');
    if (!id || (first && first.id === id)) {
      path.length = 0;
    }
  }

  box.addEventListener('click', function (event) {
    var link = event.target.closest ? event.target.closest('.flow-answers a') : null;
    if (!link) {
      return;
    }
    var step = link.closest('.flow-step');
    forgetFrom(step.id);
    var question = step.querySelector('.flow-question p') || step.querySelector('.flow-question');
    path.push({id: step.id, question: text(question), answer: text(link)});
    show();
  });
  window.addEventListener('hashchange', function () {
    var id = decodeURIComponent(location.hash.slice(1));
    var before = path.length;
    forgetFrom(id);
    if (path.length !== before) {
      show();
    }
  });
  show();
})();
