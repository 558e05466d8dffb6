#include "tickets/columns.hpp"

#include <algorithm>
#include <initializer_list>
#include <map>
#include <set>

#include "content/text.hpp"

namespace faqt {

namespace {

using R = TicketRole;

struct RoleNames {
    TicketRole role;
    std::initializer_list<const char*> names;  // first present wins
};

struct Preset {
    const char* name;
    const char* display;
    std::initializer_list<const char*> markers;  // one must be in the header
    std::initializer_list<RoleNames> roles;
    std::initializer_list<const char*> closed;  // status values that mean closed, as the system writes them
};

// The column names each system writes in its CSV/TSV export (and, for
// Znuny/OTRS and GLPI, in the agent's language: English, German, French,
// Polish). Order matters within a role: the first name present wins.
const std::initializer_list<Preset> k_presets = {
    {"servicenow",
     "ServiceNow",
     {"short_description", "Short description", "assignment_group", "Assignment group", "caller_id", "opened_at",
      "sys_id"},
     {
         {R::id, {"number", "Number"}},
         {R::subject, {"short_description", "Short description"}},
         {R::body, {"description", "Description"}},
         {R::category, {"category", "Category", "subcategory", "Subcategory"}},
         {R::created, {"opened_at", "Opened", "sys_created_on", "Created"}},
         {R::resolved, {"resolved_at", "Resolved", "closed_at", "Closed"}},
         {R::status, {"state", "State", "incident_state", "Incident state"}},
         {R::priority, {"priority", "Priority"}},
         {R::customer, {"company", "Company", "caller_id", "Caller"}},
         {R::agent, {"assigned_to", "Assigned to", "assignment_group", "Assignment group"}},
         {R::product, {"cmdb_ci", "Configuration item", "business_service", "Service"}},
         {R::from_name, {"caller_id", "Caller", "opened_by", "Opened by"}},
         {R::updated, {"sys_updated_on", "Updated"}},
         {R::resolution_time, {"calendar_stc", "Resolve time", "business_duration", "Business duration"}},
     },
     // State labels, and the numbers the incident table stores when an
     // export writes values rather than display values.
     {"Resolved", "Closed", "Canceled", "Cancelled", "Closed Complete", "Closed Incomplete", "Closed Skipped", "6", "7",
      "8"}},
    {"jira",
     "Jira Service Management",
     {"Issue key", "Issue id", "Issue Type"},
     {
         {R::id, {"Issue key", "Issue id"}},
         {R::subject, {"Summary"}},
         {R::body, {"Description"}},
         {R::category,
          {"Custom field (Request Type)", "Custom field (Customer Request Type)", "Request Type", "Component/s"}},
         {R::created, {"Created"}},
         {R::resolved, {"Resolved"}},
         {R::status, {"Status"}},
         {R::priority, {"Priority"}},
         {R::customer, {"Custom field (Organizations)", "Organizations", "Reporter"}},
         {R::agent, {"Assignee"}},
         {R::product, {"Component/s", "Project name"}},
         {R::version, {"Affects Version/s", "Affects versions"}},
         {R::first_response, {"Custom field (Time to first response)", "Time to first response"}},
         {R::from_name, {"Reporter", "Creator"}},
         {R::updated, {"Updated"}},
         {R::resolution_time, {"Custom field (Time to resolution)", "Time to resolution"}},
     },
     {"Done", "Resolved", "Closed", "Canceled", "Cancelled", "Declined", "Won't Do"}},
    {"zendesk",
     "Zendesk",
     {"Requester email", "Requester domain", "Solved at", "Via", "Requester id"},
     {
         {R::id, {"Id", "Ticket ID"}},
         {R::subject, {"Subject"}},
         {R::body, {"Description"}},
         {R::category, {"Category [list]", "Category", "Ticket type", "Group"}},
         {R::created, {"Created at"}},
         {R::resolved, {"Solved at"}},
         {R::status, {"Status"}},
         {R::priority, {"Priority"}},
         {R::customer, {"Organization", "Requester"}},
         {R::agent, {"Assignee"}},
         {R::product, {"Product [list]", "Product"}},
         {R::first_response, {"First reply time in minutes", "First reply time in minutes within business hours"}},
         {R::from_name, {"Requester"}},
         {R::from_address, {"Requester email"}},
         {R::updated, {"Updated at"}},
         {R::resolution_time,
          {"Full resolution time in minutes", "Full resolution time in minutes within business hours"}},
     },
     {"Solved", "Closed"}},
    {"freshdesk",
     "Freshdesk",
     {"Resolved time", "Due by Time", "Initial response time", "First response time (in hrs)"},
     {
         {R::id, {"Ticket ID", "Ticket Id"}},
         {R::subject, {"Subject"}},
         {R::body, {"Description"}},
         {R::category, {"Type", "Category"}},
         {R::created, {"Created time"}},
         {R::resolved, {"Resolved time", "Closed time"}},
         {R::status, {"Status"}},
         {R::priority, {"Priority"}},
         {R::customer, {"Company Name", "Company", "Full name", "Contact"}},
         {R::agent, {"Agent", "Group"}},
         {R::product, {"Product"}},
         {R::first_response, {"Initial response time", "First response time (in hrs)"}},
         {R::from_name, {"Full name", "Contact", "Requester name"}},
         {R::from_address, {"Email", "Requester email"}},
         {R::updated, {"Last update time", "Last updated time"}},
         {R::resolution_time, {"Resolution time (in hrs)", "Resolution time (in hours)"}},
     },
     {"Resolved", "Closed"}},
    {"osticket",
     "osTicket",
     {"Ticket Number", "Help Topic", "Current Status", "Agent Assigned", "From Email"},
     {
         {R::id, {"Ticket Number", "Ticket"}},
         {R::subject, {"Subject"}},
         {R::body, {"Message", "Description", "Issue Details"}},
         {R::category, {"Help Topic", "Department"}},
         {R::created, {"Date Created", "Create Date", "Created"}},
         {R::resolved, {"Closed Date", "Date Closed", "Close Date", "Closed"}},
         {R::status, {"Current Status", "Status"}},
         {R::priority, {"Priority"}},
         {R::customer, {"Organization", "From"}},
         {R::agent, {"Agent Assigned", "Assigned To"}},
         {R::first_response, {"First Response", "First Response Date"}},
         {R::from_name, {"From", "Name"}},
         {R::from_address, {"From Email", "Email"}},
         {R::updated, {"Last Updated", "Last Update"}},
     },
     {"Resolved", "Closed", "Archived"}},
    {"znuny",
     "Znuny/OTRS",
     {"Ticket#", "TicketNumber", "Queue", "Kundennummer", "Kunden-ID", "Kundenbenutzer", "ID client", "File",
      "Zgłoszenie#", "Kolejka", "ID klienta", "CustomerID", "Customer ID"},
     {
         {R::id,
          {"Ticket#", "TicketNumber", "Ticket Number", "Ticketnummer", "Numéro de ticket", "Zgłoszenie#",
           "Numer zgłoszenia"}},
         {R::subject, {"Title", "Titel", "Titre", "Tytuł", "Subject", "Betreff", "Sujet", "Temat"}},
         {R::body, {"Body", "Article Body", "Inhalt", "Text", "Corps", "Treść"}},
         {R::category, {"Queue", "File", "Kolejka", "Service", "Type", "Typ"}},
         {R::created, {"Created", "Erstellt", "Créé", "Créé le", "Utworzony", "Utworzone", "Utworzono"}},
         {R::resolved, {"Close Time", "Closed", "Geschlossen", "Fermé", "Fermé le", "Zamknięte", "Zamknięty"}},
         {R::status, {"State", "Ticket State", "Status", "État", "Etat", "Stan"}},
         {R::priority, {"Priority", "Priorität", "Priorité", "Priorytet"}},
         {R::customer,
          {"Customer ID", "CustomerID", "Customer Name", "Kundennummer", "Kunden-ID", "Kunde", "ID client", "Client",
           "ID klienta", "Klient"}},
         {R::agent, {"Owner", "Besitzer", "Propriétaire", "Właściciel", "Responsible", "Verantwortlicher"}},
         {R::first_response, {"First Response", "Erste Reaktion", "Première réponse", "Pierwsza odpowiedź"}},
         {R::from_name,
          {"Customer User", "Kundenbenutzer", "Utilisateur client", "Użytkownik klienta", "From", "Von", "De", "Od"}},
         {R::updated, {"Changed", "Geändert", "Modifié", "Modifié le", "Zmieniony", "Zmienione", "Zmieniono"}},
     },
     // The state names Znuny ships, and their German, French and Polish
     // translations as the agent interface writes them.
     {"closed successful", "closed unsuccessful", "merged", "removed", "erfolgreich geschlossen",
      "erfolglos geschlossen", "zusammengefasst", "entfernt", "fermé avec succès", "fermé sans succès", "fusionné",
      "supprimé", "zamknięte pomyślnie", "zamknięte z powodzeniem", "zamknięte niepomyślnie",
      "zamknięte bez powodzenia", "połączone", "scalone", "usunięte"}},
    {"glpi",
     "GLPI",
     {"Entity", "Entité", "Einheit", "Entität", "Jednostka", "Opening date", "Date d'ouverture", "Eröffnungsdatum",
      "Data otwarcia"},
     {
         {R::id, {"ID"}},
         {R::subject, {"Title", "Titre", "Titel", "Tytuł"}},
         {R::body, {"Description", "Beschreibung", "Opis"}},
         {R::category, {"Category", "Catégorie", "Kategorie", "Kategoria"}},
         {R::created, {"Opening date", "Date d'ouverture", "Eröffnungsdatum", "Data otwarcia"}},
         {R::resolved,
          {"Resolution date", "Date de résolution", "Lösungsdatum", "Data rozwiązania", "Closing date",
           "Date de clôture", "Schließdatum", "Data zamknięcia"}},
         {R::status, {"Status", "Statut"}},
         {R::priority, {"Priority", "Priorité", "Priorität", "Priorytet"}},
         {R::customer,
          {"Requester", "Demandeur", "Anforderer", "Antragsteller", "Zgłaszający", "Entity", "Entité", "Einheit",
           "Entität", "Jednostka"}},
         {R::agent,
          {"Assigned to - Technician", "Technician", "Technicien", "Techniker", "Technik", "Assigned to", "Attribué à",
           "Zugewiesen an", "Przypisane do"}},
         {R::first_response, {"Take into account date", "Date de prise en compte", "Data uwzględnienia"}},
         {R::from_name, {"Requester", "Demandeur", "Anforderer", "Antragsteller", "Zgłaszający"}},
         {R::updated, {"Last update", "Dernière modification", "Letzte Änderung", "Ostatnia aktualizacja"}},
     },
     {"Solved", "Closed", "Résolu", "Clos", "Gelöst", "Geschlossen", "Rozwiązane", "Zamknięte"}},
    {"rt",
     "Request Tracker",
     {"Requestors", "QueueName", "OwnerName", "Told", "LastUpdated"},
     {
         {R::id, {"id", "Ticket"}},
         {R::subject, {"Subject"}},
         {R::body, {"Content", "Description"}},
         {R::category, {"QueueName", "Queue", "CF.{Category}", "CF-Category"}},
         {R::created, {"Created"}},
         {R::resolved, {"Resolved"}},
         {R::status, {"Status"}},
         {R::priority, {"Priority"}},
         {R::customer, {"Requestors", "CF.{Customer}"}},
         {R::agent, {"OwnerName", "Owner"}},
         {R::first_response, {"Told"}},
         {R::from_address, {"Requestors"}},
         {R::updated, {"LastUpdated"}},
     },
     {"resolved", "rejected", "deleted"}},
};

// Closing statuses most systems share, for an export no preset matched.
const std::initializer_list<const char*> k_common_closed = {
    "Closed",    "Resolved",   "Solved",     "Done",        "Completed", "Complete", "Cancelled",
    "Canceled",  "Rejected",   "Archived",   "Geschlossen", "Gelöst",    "Erledigt", "Abgeschlossen",
    "Storniert", "Fermé",      "Résolu",     "Clos",        "Terminé",   "Annulé",   "Zamknięte",
    "Zamknięty", "Rozwiązane", "Rozwiązany", "Zakończone",  "Anulowane"};

// Names most exports use, whatever the system: the fallback for every role.
const std::initializer_list<RoleNames> k_common_names = {
    {R::id, {"ID", "Ticket ID", "Ticket", "Ticket Number", "Number", "Key", "Issue key", "Case Number", "Reference"}},
    {R::subject, {"Subject", "Summary", "Title", "short_description", "Short description"}},
    {R::body, {"Description", "Body", "Text", "Message", "Details", "Content"}},
    {R::category, {"Category", "Request Type", "Topic", "Help Topic", "Queue", "Type"}},
    {R::created, {"Created", "Created at", "Opened", "Creation date", "Date"}},
    {R::resolved, {"Resolved", "Closed", "Resolved at", "Closed at", "Solved at"}},
    {R::status, {"Status", "State"}},
    {R::priority, {"Priority"}},
    {R::customer, {"Customer", "Organization", "Organisation", "Company", "Client", "Requester"}},
    {R::agent, {"Agent", "Assignee", "Assigned to", "Owner"}},
    {R::product, {"Product"}},
    {R::version, {"Version", "Product version"}},
    {R::first_response, {"First response", "First response time"}},
    {R::from_name, {"From", "From name", "Name", "Requester name", "Contact"}},
    {R::from_address, {"Email", "From email", "Requester email", "E-mail"}},
    {R::updated, {"Updated", "Last updated", "Updated at", "Last update", "Modified", "Last modified"}},
    {R::resolution_time, {"Resolution time", "Time to resolution", "Time to resolve"}},
};

using HeaderIndex = std::map<std::string, std::vector<std::size_t>>;  // folded name → columns

HeaderIndex index_header(const std::vector<std::string>& header) {
    HeaderIndex index;
    for (std::size_t i = 0; i < header.size(); ++i) {
        std::string key = column_key(header[i]);
        if (!key.empty()) {
            index[key].push_back(i);
        }
    }
    return index;
}

const std::vector<std::size_t>* find_column(const HeaderIndex& index, std::string_view name) {
    auto it = index.find(column_key(name));
    return it == index.end() ? nullptr : &it->second;
}

// Fills the roles still empty in plan from names; returns how many header
// columns it mapped.
std::size_t apply_names(const HeaderIndex& index, std::initializer_list<RoleNames> roles, ColumnPlan& plan) {
    std::size_t mapped = 0;
    for (const auto& entry : roles) {
        auto& columns = plan.columns[static_cast<std::size_t>(entry.role)];
        if (!columns.empty()) {
            continue;
        }
        for (const char* name : entry.names) {
            if (const auto* found = find_column(index, name)) {
                columns = *found;
                mapped += found->size();
                break;
            }
        }
    }
    return mapped;
}

std::size_t distinct_columns(const ColumnPlan& plan) {
    std::set<std::size_t> all;
    for (const auto& columns : plan.columns) {
        all.insert(columns.begin(), columns.end());
    }
    return all.size();
}

std::string list_header(const std::vector<std::string>& header) {
    std::string list;
    for (const auto& name : header) {
        list += list.empty() ? "" : ", ";
        list += "'" + name + "'";
    }
    return list.empty() ? "(none)" : list;
}

PresetInfo preset_info(const Preset& preset) {
    return {preset.name, preset.display, {preset.closed.begin(), preset.closed.end()}};
}

}  // namespace

const char* role_key(TicketRole role) {
    return k_ticket_column_keys[static_cast<std::size_t>(role)];
}

ColumnNames column_names(const TicketsConfig& config) {
    ColumnNames names;
    for (std::size_t i = 0; i < k_ticket_role_count; ++i) {
        if (auto it = config.columns.find(k_ticket_column_keys[i]); it != config.columns.end()) {
            names.names[i] = it->second;
        }
    }
    return names;
}

std::string column_key(std::string_view name) {
    std::string folded = fold(name);
    std::string key;
    for (char c : folded) {
        const auto u = static_cast<unsigned char>(c);
        // Letters and digits (and every byte of a non-ASCII letter) count;
        // spaces, punctuation and symbols do not, except '#' which tells
        // "Ticket#" (Znuny's number) from "Ticket".
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || u >= 0x80 || c == '#') {
            key += c;
        }
    }
    return key;
}

std::vector<PresetInfo> ticket_presets() {
    std::vector<PresetInfo> presets;
    for (const auto& preset : k_presets) {
        presets.push_back(preset_info(preset));
    }
    return presets;
}

std::vector<std::string> common_closed_statuses() {
    return {k_common_closed.begin(), k_common_closed.end()};
}

std::string status_key(std::string_view status) {
    return column_key(status);
}

Result<ColumnPlan> plan_columns(const std::vector<std::string>& header, std::string_view forced_preset,
                                const ColumnNames& configured, const ColumnNames& overrides) {
    const HeaderIndex index = index_header(header);
    ColumnPlan plan;

    // Given names first: overrides, then [tickets].
    for (const auto* given : {&overrides, &configured}) {
        for (std::size_t i = 0; i < k_ticket_role_count; ++i) {
            const std::string& name = given->names[i];
            if (name.empty() || !plan.columns[i].empty()) {
                continue;
            }
            const auto* found = find_column(index, name);
            if (found == nullptr) {
                std::string who = given == &overrides ? "--" + std::string(k_ticket_column_keys[i]) + "-column"
                                                      : "[tickets] " + std::string(k_ticket_column_keys[i]);
                for (char& c : who) {
                    c = c == '_' && given == &overrides ? '-' : c;
                }
                return Error(ErrorCode::usage, "no column '" + name + "' (named by " + who + ") in the header",
                             "the columns are " + list_header(header));
            }
            plan.columns[i] = *found;
        }
    }

    const Preset* chosen = nullptr;
    if (!forced_preset.empty()) {
        const std::string wanted = column_key(forced_preset);
        std::string known;
        for (const auto& preset : k_presets) {
            if (column_key(preset.name) == wanted || column_key(preset.display) == wanted) {
                chosen = &preset;
            }
            known += known.empty() ? "" : ", ";
            known += preset.name;
        }
        if (chosen == nullptr) {
            return Error(ErrorCode::usage, "unknown ticket export preset '" + std::string(forced_preset) + "'",
                         "presets: " + known);
        }
    } else {
        std::size_t best = 0;
        for (const auto& preset : k_presets) {
            bool marked = false;
            for (const char* marker : preset.markers) {
                marked = marked || find_column(index, marker) != nullptr;
            }
            if (!marked) {
                continue;
            }
            ColumnPlan trial = plan;
            apply_names(index, preset.roles, trial);
            const std::size_t score = distinct_columns(trial);
            plan.matched.push_back({preset_info(preset), score});
            if (score > best) {
                best = score;
                chosen = &preset;
            }
        }
    }
    if (chosen != nullptr) {
        apply_names(index, chosen->roles, plan);
        plan.preset = preset_info(*chosen);
        // The winner first, then the others by columns mapped (stable: table order on a tie).
        std::stable_sort(plan.matched.begin(), plan.matched.end(), [&](const PresetMatch& a, const PresetMatch& b) {
            const bool a_won = a.preset.name == chosen->name;
            const bool b_won = b.preset.name == chosen->name;
            return a_won != b_won ? a_won : a.columns > b.columns;
        });
    }
    apply_names(index, k_common_names, plan);

    if (distinct_columns(plan) == 0) {
        return Error(ErrorCode::usage, "no column of the header is a ticket's id, subject, description or category",
                     "the columns are " + list_header(header) +
                         "; name them with --subject-column, --body-column, ... or in [tickets] of faqt.toml");
    }
    return plan;
}

}  // namespace faqt
