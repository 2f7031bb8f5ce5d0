// The notes page: lists, creates, edits and deletes notes through the REST
// service behind the balancer (/api/notes), showing which api instance answered.
angular.module('notes', []).controller('NotesController', ['$http', function ($http) {
  var vm = this;
  vm.notes = [];
  vm.draft = { title: '', body: '' };
  vm.editing = null;
  vm.changes = {};
  vm.busy = false;
  vm.loaded = false;
  vm.error = '';
  vm.instance = '';

  function answered(response) {
    vm.instance = response.headers('X-Instance') || vm.instance;
    vm.error = '';
    return response;
  }

  function failed(response) {
    var data = response.data || {};
    vm.instance = (response.headers && response.headers('X-Instance')) || vm.instance;
    vm.error = 'The service answered ' + response.status + ': ' +
      (data.reason || data.error || response.statusText || 'no answer');
  }

  function done() {
    vm.busy = false;
  }

  vm.load = function () {
    return $http.get('api/notes').then(function (response) {
      answered(response);
      vm.notes = response.data;
      vm.loaded = true;
    }, failed);
  };

  vm.create = function () {
    vm.busy = true;
    $http.post('api/notes', vm.draft).then(function (response) {
      answered(response);
      vm.draft = { title: '', body: '' };
      return vm.load();
    }, failed).finally(done);
  };

  vm.edit = function (note) {
    vm.editing = note.id;
    vm.changes = { title: note.title, body: note.body, rev: note.rev };
  };

  vm.save = function (note) {
    vm.busy = true;
    $http.put('api/notes/' + encodeURIComponent(note.id), vm.changes).then(function (response) {
      answered(response);
      vm.editing = null;
      return vm.load();
    }, failed).finally(done);
  };

  vm.remove = function (note) {
    vm.busy = true;
    $http.delete('api/notes/' + encodeURIComponent(note.id),
                 { params: { rev: note.rev } }).then(function (response) {
      answered(response);
      return vm.load();
    }, failed).finally(done);
  };

  vm.load();
}]);
