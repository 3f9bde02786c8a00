"""Interface strings in English and French. Scenario text has its own
translations in the scenario file; these are the console's own words."""
from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "not started": {"fr": "non commencé"}, "running": {"fr": "en cours"},
    "paused": {"fr": "en pause"}, "ended": {"fr": "terminé"},
    "MSEL": {"fr": "MSEL"}, "Timeline": {"fr": "Chronologie"}, "Agencies": {"fr": "Organismes"},
    "Communications": {"fr": "Communications"}, "Scoring": {"fr": "Évaluation"},
    "Start/pause": {"fr": "Démarrer/pause"}, "Faster": {"fr": "Plus vite"}, "Slower": {"fr": "Moins vite"},
    "Next inject": {"fr": "Injection suivante"}, "Jump to time": {"fr": "Aller à l'heure"},
    "Deliver now": {"fr": "Délivrer"}, "Skip": {"fr": "Annuler"}, "Postpone": {"fr": "Reporter"},
    "New inject": {"fr": "Nouvelle injection"}, "Act for agency": {"fr": "Agir pour"},
    "Observation": {"fr": "Observation"}, "End exercise": {"fr": "Fin d'exercice"}, "Quit": {"fr": "Quitter"},
    "Filter": {"fr": "Filtrer"}, "Details": {"fr": "Détails"},
    "time": {"fr": "heure"}, "inject": {"fr": "injection"}, "to": {"fr": "à"}, "synopsis": {"fr": "résumé"},
    "status": {"fr": "état"}, "pending": {"fr": "en attente"}, "delivered": {"fr": "délivrée"},
    "acknowledged": {"fr": "accusée"}, "skipped": {"fr": "annulée"}, "triggered": {"fr": "sur déclencheur"},
    "agency": {"fr": "organisme"}, "played by": {"fr": "joué par"}, "person": {"fr": "personne"},
    "simulated": {"fr": "simulé"}, "open items": {"fr": "en cours"}, "last action": {"fr": "dernière action"},
    "sent": {"fr": "envoyés"}, "received": {"fr": "reçus"},
    "from": {"fr": "de"}, "channel": {"fr": "canal"}, "expected": {"fr": "attendu"},
    "messages": {"fr": "messages"}, "used": {"fr": "utilisé"}, "not used yet": {"fr": "pas encore utilisé"},
    "MISSING": {"fr": "MANQUANT"}, "unexpected": {"fr": "imprévu"}, "required": {"fr": "requis"},
    "expectation": {"fr": "attente"}, "who": {"fr": "qui"}, "due": {"fr": "échéance"},
    "on time": {"fr": "à temps"}, "late": {"fr": "en retard"}, "missed": {"fr": "manqué"}, "open": {"fr": "ouvert"},
    "overdue": {"fr": "dépassé"},
    "due in": {"fr": "dans"}, "overdue by": {"fr": "dépassé de"},
    "all agencies": {"fr": "tous les organismes"}, "all kinds": {"fr": "tous les types"},
    "Controller notes (never shown to players)": {"fr": "Notes du contrôleur (jamais montrées aux joueurs)"},
    "Expected player actions": {"fr": "Actions attendues des joueurs"},
    "Send": {"fr": "Envoyer"}, "Cancel": {"fr": "Annuler"}, "Save": {"fr": "Enregistrer"}, "OK": {"fr": "OK"},
    "Recipients": {"fr": "Destinataires"}, "Text": {"fr": "Texte"}, "Delivery": {"fr": "Transmission"},
    "What": {"fr": "Quoi"}, "message": {"fr": "message"}, "action": {"fr": "action"},
    "decision": {"fr": "décision"}, "evidence transfer": {"fr": "transfert de scellé"},
    "Subject": {"fr": "Objet"}, "Classification": {"fr": "Classification"}, "Rationale": {"fr": "Justification"},
    "Item": {"fr": "Scellé"}, "sealed": {"fr": "scellé"}, "signed": {"fr": "signé"},
    "Seal number": {"fr": "Numéro de scellé"}, "Evaluator": {"fr": "Évaluateur"}, "Objective": {"fr": "Objectif"},
    "none": {"fr": "aucun"}, "New time (e.g. 2h30m)": {"fr": "Nouvelle heure (ex. 2h30m)"},
    "Keep the spacing of later injects": {"fr": "Garder l'espacement des injections suivantes"},
    "Change the world": {"fr": "Changer le monde simulé"}, "Change": {"fr": "Changement"},
    "Conveyance (remove)": {"fr": "Moyen de transport (retirer)"},
    "Shielding in HVL (shield) or radius in m (cordon)": {"fr": "Blindage en CDA (blinder) ou rayon en m (cordon)"},
    "Choose a conveyance waiting at": {"fr": "Choisir un moyen de transport en attente à"},
    "Give a number": {"fr": "Donner un nombre"},
    "Jump to scenario time (e.g. 2h30m)": {"fr": "Aller à l'heure du scénario (ex. 2h30m)"},
    "End the exercise now? The journal keeps everything.": {
        "fr": "Terminer l'exercice maintenant ? Le journal conserve tout."},
    "speed": {"fr": "vitesse"}, "journal": {"fr": "journal"},
    "Select an inject first": {"fr": "Choisissez d'abord une injection"},
    "No more pending injects": {"fr": "Plus d'injection en attente"},
    "Observation recorded": {"fr": "Observation enregistrée"}, "Done": {"fr": "Fait"},
    "Required": {"fr": "Obligatoire"}, "pre-roll": {"fr": "pré-simulation"}, "suggested by simex": {"fr": "suggéré par simex"},
    "Write in the report": {"fr": "Écrire dans le rapport"}, "Report field": {"fr": "Champ du rapport"},
    "Unchanged: nothing to record": {"fr": "Inchangé : rien à enregistrer"},
    "rate": {"fr": "évaluer"}, "Rate P/S/M/U": {"fr": "Évaluer P/S/M/U"}, "Concerning": {"fr": "Concerne"},
    "Room view": {"fr": "Vue salle"}, "Room view: ground truth hidden": {"fr": "Vue salle : réalité du terrain masquée"},
    "Controller view: ground truth shown": {"fr": "Vue contrôleur : réalité du terrain affichée"},
}


# The participant, evaluator and observer consoles (tui/participant.py).
STRINGS.update({
    "Inbox": {"fr": "Courrier"}, "Tasks": {"fr": "Tâches"}, "Message": {"fr": "Message"},
    "Action": {"fr": "Action"}, "Decision": {"fr": "Décision"}, "Evidence": {"fr": "Scellés"},
    "Acknowledge": {"fr": "Accuser réception"}, "Rating": {"fr": "Notation"}, "Reason": {"fr": "Motif"},
    "connected": {"fr": "connecté"}, "reconnecting…": {"fr": "reconnexion…"}, "rejoined": {"fr": "reconnecté"},
    "Concerning": {"fr": "Concernant"}, "optional": {"fr": "facultatif"}, "not a number": {"fr": "pas un nombre"},
    "Note": {"fr": "Note"}, "EXPIRED": {"fr": "EXPIRÉ"}, "in": {"fr": "dans"},
    "Open tasks": {"fr": "Tâches en cours"}, "Evidence you hold": {"fr": "Scellés détenus"},
    "nothing": {"fr": "rien"}, "Message sent": {"fr": "Message envoyé"},
    "Action recorded": {"fr": "Action enregistrée"}, "Decision recorded": {"fr": "Décision enregistrée"},
    "Evidence handed over": {"fr": "Scellé remis"}, "Inject acknowledged": {"fr": "Réception accusée"},
    "Rating recorded": {"fr": "Notation enregistrée"},
    "Select an inject in the inbox": {"fr": "Choisissez une injection dans le courrier"},
    "Already acknowledged": {"fr": "Réception déjà accusée"},
    "You hold no evidence": {"fr": "Vous ne détenez aucun scellé"},
    "Attachments": {"fr": "Pièces jointes"}, "evaluator": {"fr": "évaluateur"}, "observer": {"fr": "observateur"},
    "read-only": {"fr": "lecture seule"}, "Send a message": {"fr": "Envoyer un message"},
    "Take an action": {"fr": "Mener une action"}, "Record a decision": {"fr": "Consigner une décision"},
    "Hand over evidence": {"fr": "Remettre un scellé"}, "Rate": {"fr": "Noter"},
    "performed without challenges": {"fr": "réalisé sans difficulté"},
    "performed with some challenges": {"fr": "réalisé avec quelques difficultés"},
    "performed with major challenges": {"fr": "réalisé avec des difficultés majeures"},
    "unable to be performed": {"fr": "non réalisé"},
    "unread": {"fr": "non lu"}, "subject": {"fr": "objet"}, "type": {"fr": "type"},
    "via": {"fr": "par"}, "disconnected": {"fr": "déconnecté"},
    "No channel to that agency": {"fr": "Aucun canal vers cet organisme"},
})


class Translator:
    def __init__(self, lang: str = "en"):
        self.lang = lang

    def __call__(self, text: str) -> str:
        if self.lang == "en":
            return text
        return STRINGS.get(text, {}).get(self.lang, text)
