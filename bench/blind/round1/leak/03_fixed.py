import numpy as np
import pandas as pd
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import accuracy_score, f1_score


class TabularPreprocessor:
    def __init__(self, num_cols, cat_cols):
        self.num_cols = num_cols
        self.cat_cols = cat_cols
        self.num_imputer = SimpleImputer(strategy="median")
        self.cat_imputer = SimpleImputer(strategy="most_frequent")
        self.encoder = OneHotEncoder(handle_unknown="ignore", sparse_output=False)
        self.scaler = StandardScaler()

    def fit(self, df):
        nums = self.num_imputer.fit_transform(df[self.num_cols])
        self.scaler.fit(nums)
        cats = self.cat_imputer.fit_transform(df[self.cat_cols].astype(str))
        self.encoder.fit(cats)
        return self

    def transform(self, df):
        nums = self.scaler.transform(self.num_imputer.transform(df[self.num_cols]))
        cats = self.encoder.transform(self.cat_imputer.transform(df[self.cat_cols].astype(str)))
        return np.hstack([nums, cats])

    def fit_transform(self, df):
        return self.fit(df).transform(df)


def add_features(df):
    df = df.copy()
    df["FamilySize"] = df["SibSp"] + df["Parch"] + 1
    df["IsAlone"] = (df["FamilySize"] == 1).astype(int)
    df["Title"] = df["Name"].str.extract(r",\s*([^\.]+)\.", expand=False).str.strip()
    df["Title"] = df["Title"].replace({"Mlle": "Miss", "Ms": "Miss", "Mme": "Mrs"})
    df["CabinKnown"] = df["Cabin"].notna().astype(int)
    return df


if __name__ == "__main__":
    df = add_features(pd.read_csv("titanic/train.csv"))
    target = df.pop("Survived").values

    df_tr, df_val, t_tr, t_val = train_test_split(
        df, target, test_size=0.2, random_state=7, stratify=target
    )

    prep = TabularPreprocessor(
        num_cols=["Age", "Fare", "FamilySize", "SibSp", "Parch"],
        cat_cols=["Pclass", "Sex", "Embarked", "Title", "IsAlone", "CabinKnown"],
    )
    m_tr = prep.fit_transform(df_tr)
    m_val = prep.transform(df_val)

    forest = RandomForestClassifier(
        n_estimators=500, min_samples_leaf=2, max_features="sqrt", n_jobs=-1, random_state=7
    )
    forest.fit(m_tr, t_tr)
    val_pred = forest.predict(m_val)
    print(f"val acc={accuracy_score(t_val, val_pred):.4f}  f1={f1_score(t_val, val_pred):.4f}")
