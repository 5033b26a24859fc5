import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.pipeline import Pipeline
from sklearn.impute import KNNImputer, SimpleImputer
from sklearn.preprocessing import RobustScaler, OneHotEncoder
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.metrics import roc_auc_score, average_precision_score

churn = pd.read_csv("telco_churn.csv")
churn["TotalCharges"] = pd.to_numeric(churn["TotalCharges"], errors="coerce")
churn = churn.drop(columns=["customerID"])
label = churn.pop("Churn").map({"Yes": 1, "No": 0})

numeric = ["tenure", "MonthlyCharges", "TotalCharges"]
categorical = [c for c in churn.columns if c not in numeric]

numeric_pipe = Pipeline([
    ("impute", KNNImputer(n_neighbors=5)),
    ("scale", RobustScaler()),
])
categorical_pipe = Pipeline([
    ("impute", SimpleImputer(strategy="most_frequent")),
    ("onehot", OneHotEncoder(handle_unknown="ignore")),
])
ct = ColumnTransformer([
    ("num", numeric_pipe, numeric),
    ("cat", categorical_pipe, categorical),
])

tr_x, te_x, tr_y, te_y = train_test_split(
    churn, label, test_size=0.25, stratify=label, random_state=2024
)

model = Pipeline([
    ("prep", ct),
    ("logreg", LogisticRegression(C=0.8, max_iter=3000, class_weight="balanced")),
])
model.fit(tr_x, tr_y)
te_scores = model.predict_proba(te_x)[:, 1]

print("holdout ROC AUC :", f"{roc_auc_score(te_y, te_scores):.4f}")
print("holdout PR AUC  :", f"{average_precision_score(te_y, te_scores):.4f}")

names = model.named_steps["prep"].get_feature_names_out()
coefs = model.named_steps["logreg"].coef_[0]
for i in np.argsort(np.abs(coefs))[::-1][:15]:
    print(f"{names[i]:45s} {coefs[i]:+.3f}")
